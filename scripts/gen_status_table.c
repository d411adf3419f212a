/* Prints the README's status-flow table as Markdown, from the table in src/core/status.c, so the README
 * cannot drift from the code. Output depends on nothing but that table (no time, locale or
 * environment). Build and run:
 *   cc -std=c11 -Isrc/core scripts/gen_status_table.c src/core/status.c src/core/error.c -o gen_status_table
 *   ./gen_status_table > status-table.md */
#include <stdio.h>

#include "status.h"

static const char *order_cell(const msp_status_row *row)
{
	return row->order == MSP_ORDER_STATUS_UNKNOWN ? NULL : msp_order_status_name(row->order);
}

static void print_name_cell(const char *name, const char *placeholder)
{
	if (name != NULL) {
		printf(" `%s` |", name);
	} else {
		printf(" *%s* |", placeholder);
	}
}

/* Meanings never hold '|' (tests/unit/test_status.c checks), but a Markdown cell must not break. */
static void print_text_cell(const char *text)
{
	putchar(' ');
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '|') {
			putchar('\\');
		}
		putchar(*p);
	}
	fputs(" |", stdout);
}

static const char *terminal_cell(const msp_status_row *row)
{
	if (row->stage == MSP_STAGE_NONE) {
		return "-";
	}
	return msp_flow_stage_is_terminal(row->stage) ? "yes" : "no";
}

int main(void)
{
	puts("| order status | transaction status | meaning | shop action | terminal |");
	puts("|---|---|---|---|---|");
	for (size_t i = 0; i < msp_status_table_count(); i++) {
		const msp_status_row *row = msp_status_table_row(i);
		putchar('|');
		print_name_cell(order_cell(row), "any other");
		print_name_cell(row->any_tx ? NULL : msp_tx_status_name(row->tx), "any other");
		print_text_cell(row->meaning);
		print_name_cell(msp_shop_action_name(row->action), "");
		printf(" %s |\n", terminal_cell(row));
	}
	return ferror(stdout) ? 1 : 0;
}
