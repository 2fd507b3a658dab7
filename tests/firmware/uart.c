/*
 * Polled UART0 helpers for the bare-metal test programs
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "nrf51.h"

void uart_init(void)
{
    UART_PSELTXD = MICROBIT_PIN_TX;
    UART_PSELRXD = MICROBIT_PIN_RX;
    UART_BAUDRATE = UART_BAUD_115200;
    UART_ENABLE = 4;
    UART_STARTTX = 1;
    UART_STARTRX = 1;
}

void uart_putc(char c)
{
    UART_TXDRDY = 0;
    UART_TXD = (uint8_t)c;
    while (!UART_TXDRDY) {
        spin();
    }
}

void uart_puts(const char *s)
{
    while (*s) {
        if (*s == '\n') {
            uart_putc('\r');
        }
        uart_putc(*s++);
    }
}

void uart_puthex(uint32_t v)
{
    int i;

    for (i = 28; i >= 0; i -= 4) {
        uart_putc("0123456789abcdef"[(v >> i) & 0xf]);
    }
}

char uart_getc(void)
{
    while (!UART_RXDRDY) {
        spin();
    }
    UART_RXDRDY = 0;
    return (char)UART_RXD;
}
