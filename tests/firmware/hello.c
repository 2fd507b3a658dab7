/*
 * The demo and boot-test program: greet over the UART, report the
 * chip's identity, then echo what it receives.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "nrf51.h"

int main(void)
{
    char c;

    uart_init();
    uart_puts("Hello from the BBC micro:bit machine!\n");
    uart_puts("device id ");
    uart_puthex(FICR_DEVICEID1);
    uart_puthex(FICR_DEVICEID0);
    uart_puts(", flash ");
    uart_puthex(FICR_CODESIZE);
    uart_puts(" pages\n");
    uart_puts("Type something and it comes back.\n");
    for (;;) {
        c = uart_getc();
        if (c == '\r') {
            uart_putc('\r');
            c = '\n';
        }
        uart_putc(c);
    }
    return 0;
}
