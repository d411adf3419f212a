/* A slow MultiSafepay on loopback for the batch benchmark: answers every GET /v1/json/orders/{id}
 * with a completed order about that id, DELAY_MS after the request arrived, on keep-alive HTTP/1.1
 * connections. One process, one epoll loop: since every answer waits the same time, the pending
 * answers form a FIFO queue and the next deadline is always its head, so any number of connections
 * wait at once at no CPU cost (a process or thread per connection would add its own scheduling to
 * the figures). TLS, when wanted, is put in front by nginx.
 *   slow_server PORT DELAY_MS        (PORT 0: any free port; the port is printed on stdout) */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 1024
#define REQUEST_MAX     8192

typedef struct {
	int fd;
	char request[REQUEST_MAX];
	size_t len;
	long long due_ms; /* when its answer is due; 0: none pending */
} connection;

static connection *conns[MAX_CONNECTIONS];
static connection *queue[MAX_CONNECTIONS]; /* pending answers, oldest first */
static size_t queue_head, queue_len;
static long long delay_ms;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void answer(connection *c)
{
	char id[128] = "unknown";
	const char *path = strstr(c->request, "/orders/");
	if (path != NULL) {
		size_t n = strcspn(path + 8, " ?/\r\n");
		if (n > 0 && n < sizeof(id)) {
			memcpy(id, path + 8, n);
			id[n] = '\0';
		}
	}
	char body[1024], head[256];
	int body_len = snprintf(body, sizeof(body),
	    "{\"success\":true,\"data\":{\"transaction_id\":4051823000123456,\"order_id\":\"%s\",\"status\":"
	    "\"completed\",\"financial_status\":\"completed\",\"amount\":1000,\"amount_refunded\":0,"
	    "\"currency\":\"EUR\",\"description\":\"Bench order\",\"created\":\"2026-11-24T12:00:00\","
	    "\"modified\":\"2026-11-24T12:00:01\",\"payment_details\":{\"type\":\"VISA\",\"last4\":\"1111\"}}}",
	    id);
	int head_len = snprintf(head, sizeof(head),
	    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: keep-alive\r\n\r\n",
	    body_len);
	/* Small enough for the socket buffer: one write each. */
	if (write(c->fd, head, (size_t)head_len) < 0 || write(c->fd, body, (size_t)body_len) < 0) {
		perror("slow_server: write");
	}
	c->len = 0;
	c->due_ms = 0;
}

static void close_connection(int epoll_fd, connection *c)
{
	epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	conns[c->fd] = NULL;
	for (size_t i = 0; i < queue_len; i++) { /* a pending answer for a closed connection is dropped */
		if (queue[(queue_head + i) % MAX_CONNECTIONS] == c) {
			queue[(queue_head + i) % MAX_CONNECTIONS] = NULL;
		}
	}
	free(c);
}

static void on_readable(int epoll_fd, connection *c)
{
	ssize_t n = read(c->fd, c->request + c->len, sizeof(c->request) - 1 - c->len);
	if (n <= 0) {
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			return;
		}
		close_connection(epoll_fd, c);
		return;
	}
	c->len += (size_t)n;
	c->request[c->len] = '\0';
	if (c->due_ms == 0 && strstr(c->request, "\r\n\r\n") != NULL) { /* GETs: no body */
		c->due_ms = now_ms() + delay_ms;
		queue[(queue_head + queue_len++) % MAX_CONNECTIONS] = c;
	} else if (c->len == sizeof(c->request) - 1) {
		close_connection(epoll_fd, c);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: slow_server PORT DELAY_MS\n");
		return 2;
	}
	delay_ms = atoll(argv[2]);
	int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1])),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t addr_len = sizeof(addr);
	if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(listener, 512) != 0 ||
	    getsockname(listener, (struct sockaddr *)&addr, &addr_len) != 0) {
		perror("slow_server: listen");
		return 1;
	}
	printf("%d\n", ntohs(addr.sin_port));
	fflush(stdout);
	int epoll_fd = epoll_create1(0);
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener};
	epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listener, &ev);
	for (;;) {
		while (queue_len > 0 && queue[queue_head] == NULL) { /* dropped answers */
			queue_head = (queue_head + 1) % MAX_CONNECTIONS;
			queue_len--;
		}
		int timeout = -1;
		if (queue_len > 0) {
			long long wait = queue[queue_head]->due_ms - now_ms();
			timeout = wait > 0 ? (int)wait : 0;
		}
		struct epoll_event events[64];
		int n = epoll_wait(epoll_fd, events, 64, timeout);
		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			if (fd == listener) {
				int client;
				while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
					if (client >= MAX_CONNECTIONS) {
						close(client);
						continue;
					}
					setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
					conns[client] = calloc(1, sizeof(connection));
					conns[client]->fd = client;
					struct epoll_event cev = {.events = EPOLLIN, .data.fd = client};
					epoll_ctl(epoll_fd, EPOLL_CTL_ADD, client, &cev);
				}
			} else if (conns[fd] != NULL) {
				on_readable(epoll_fd, conns[fd]);
			}
		}
		long long now = now_ms();
		while (queue_len > 0 && (queue[queue_head] == NULL || queue[queue_head]->due_ms <= now)) {
			if (queue[queue_head] != NULL) {
				answer(queue[queue_head]);
			}
			queue_head = (queue_head + 1) % MAX_CONNECTIONS;
			queue_len--;
		}
	}
}
