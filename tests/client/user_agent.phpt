--TEST--
Msp\Client: the User-Agent it sends is msp/<version>, followed by the shop's user_agent option when one is given, for every Client of a process
--DESCRIPTION--
The default user agent is one string made at start-up and shared by every Client: a Client that goes
away must leave it intact for the next ones.
--EXTENSIONS--
msp
--SKIPIF--
<?php require __DIR__ . '/../status/shop.inc'; msp_php_server_skip(); ?>
--FILE--
<?php
require __DIR__ . '/../status/shop.inc';
$port = msp_php_server(__DIR__ . '/fixtures/answers_router.php');
$base = "http://127.0.0.1:$port/user-agent/v1/json/";
$version = phpversion('msp');
$sent = function (array $options) use ($base, $version): string {
    $client = new Msp\Client('phpt-key', $options + ['base_url' => $base, 'timeout' => 10]);
    return str_replace($version, '<version>', $client->getOrder('ua-1')->description);
};
foreach ([[], ['user_agent' => 'Shop/2.0 (+https://shop.example)'], ['user_agent' => ''], [], ['user_agent' => 'Other/1'], []] as $options) {
    echo json_encode($options), ': ', $sent($options), "\n";
}
// Several Clients alive at once, without and with the option.
$a = new Msp\Client('phpt-key', ['base_url' => $base]);
$b = new Msp\Client('phpt-key', ['base_url' => $base, 'user_agent' => 'B/1']);
$c = new Msp\Client('phpt-key', ['base_url' => $base]);
unset($a);
echo str_replace($version, '<version>', $c->getOrder('ua-2')->description), ' / ',
    str_replace($version, '<version>', $b->getOrder('ua-3')->description), "\n";
?>
--EXPECT--
[]: msp/<version>
{"user_agent":"Shop\/2.0 (+https:\/\/shop.example)"}: msp/<version> Shop/2.0 (+https://shop.example)
{"user_agent":""}: msp/<version>
[]: msp/<version>
{"user_agent":"Other\/1"}: msp/<version> Other/1
[]: msp/<version>
msp/<version> / msp/<version> B/1
