/*
 * Start-up code for bare-metal test programs on the nRF51822
 *
 * The Cortex-M0 takes its initial stack pointer and reset vector from
 * the table at address 0.  Reset copies .data from flash, clears .bss
 * and calls main(); every other exception parks the core in a loop
 * that a test can recognise.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdint.h>
#include "nrf51.h"

void __attribute__((weak)) hardfault_handler(void)
{
    for (;;) {
        spin();
    }
}

void default_handler(void)
{
    for (;;) {
        spin();
    }
}

void reset_handler(void)
{
    uint32_t *src = __data_load;
    uint32_t *dst;

    for (dst = __data_start; dst < __data_end; dst++) {
        *dst = *src++;
    }
    for (dst = __bss_start; dst < __bss_end; dst++) {
        *dst = 0;
    }
    main();
    for (;;) {
        spin();
    }
}

void __attribute__((weak, alias("default_handler"))) uart0_handler(void);
void __attribute__((weak, alias("default_handler"))) timer0_handler(void);
void __attribute__((weak, alias("default_handler"))) rtc0_handler(void);
void __attribute__((weak, alias("default_handler"))) rtc1_handler(void);
void __attribute__((weak, alias("default_handler"))) swi0_handler(void);

__attribute__((section(".vectors"), used))
static void (*const vectors[16 + 32])(void) = {
    [0] = (void (*)(void))__stack_top,
    [1] = reset_handler,
    [2] = default_handler,          /* NMI */
    [3] = hardfault_handler,
    [11] = default_handler,         /* SVCall */
    [14] = default_handler,         /* PendSV */
    [16 + 2] = uart0_handler,
    [16 + 8] = timer0_handler,
    [16 + 11] = rtc0_handler,
    [16 + 17] = rtc1_handler,
    [16 + 20] = swi0_handler,
};
