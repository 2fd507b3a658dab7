/*
 * Device register accesses in the middle of a block of code: they take
 * effect in program order, and an interrupt one of them pends is taken
 * by the ISB that follows, as the architecture requires.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "nrf51.h"

static volatile int fired;      /* volatile: set in the interrupt handler */

void swi0_handler(void)
{
    fired++;
}

static inline void isb(void)
{
    __asm__ volatile("isb" : : : "memory");
}

int main(void)
{
    uint32_t a, b, c;
    int taken;

    uart_init();

    /* Written and read back in one straight run of code */
    GPIO_OUT = 0x5;
    a = GPIO_OUT;
    GPIO_OUTSET = 0x2;
    b = GPIO_OUT;
    GPIO_OUTCLR = 0x1;
    c = GPIO_OUT;
    uart_puts("mmio order ");
    uart_puthex(a << 8 | b << 4 | c);
    uart_puts("\n");

    /* Pended by a register write, taken by the next ISB */
    NVIC_ISER = 1u << SWI0_IRQ;
    NVIC_ISPR = 1u << SWI0_IRQ;
    isb();
    taken = fired;
    uart_puts(taken == 1 ? "isb takes the interrupt\n" : "isb misses it\n");
    return 0;
}
