/*
 * ARMv6-M faults on unaligned word and halfword accesses: report
 * whether the core took a HardFault for one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "nrf51.h"

/* Shared with the fault handler, and accessed behind the compiler's back */
static volatile uint32_t buffer[2]; /* volatile: read by inline assembly */
static volatile int faulted;        /* volatile: set in the fault handler */

void hardfault_handler(void)
{
    uart_puts("HardFault\n");
    faulted = 1;
    for (;;) {
        spin();
    }
}

/* A word load from @addr, whatever its alignment */
static uint32_t load_word(uintptr_t addr)
{
    uint32_t v;

    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}

int main(void)
{
    uart_init();
    uart_puts("aligned load\n");
    buffer[1] = load_word((uintptr_t)buffer);
    uart_puts("unaligned load\n");
    buffer[1] = load_word((uintptr_t)buffer + 1);
    uart_puts("no fault\n");
    return 0;
}
