/*
 * WFE sleeps until an event, as on the Cortex-M0: an interrupt taken,
 * SEV, or with SCR.SEVONPEND an interrupt becoming pending.  A WFE that
 * never wakes hangs this program; one that never sleeps shows up in
 * the number of turns a wait loop takes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "nrf51.h"

/* 10 ms of the 32768 Hz RTC */
#define WAIT_TICKS  328

static volatile int fired;      /* volatile: set in the interrupt handler */

void rtc0_handler(void)
{
    RTC_COMPARE0 = 0;
    fired = 1;
}

static inline void wfe(void)
{
    __asm__ volatile("wfe" : : : "memory");
}

static inline void sev(void)
{
    __asm__ volatile("sev" : : : "memory");
}

/* Leave the event register clear, whatever set it before */
static void clear_event(void)
{
    sev();
    wfe();
}

static void compare_in(uint32_t ticks)
{
    RTC_COMPARE0 = 0;
    RTC_CC0 = (RTC_COUNTER + ticks) & 0xffffff;
}

int main(void)
{
    uint32_t turns = 0;

    uart_init();
    CLOCK_LFCLKSTART = 1;
    while (!CLOCK_LFCLKSTARTED) {
        spin();
    }
    RTC_START = 1;

    /* An interrupt in 10 ms ends the wait; each wake-up is a turn */
    RTC_INTENSET = RTC_INT_COMPARE0;
    NVIC_ISER = 1u << RTC0_IRQ;
    compare_in(WAIT_TICKS);
    clear_event();
    while (!fired) {
        turns++;
        wfe();
    }
    uart_puts("wfe turns ");
    uart_puthex(turns);
    uart_puts("\n");

    /* SEV sets the event register: the WFE after it does not sleep */
    RTC_INTENCLR = RTC_INT_COMPARE0;
    sev();
    wfe();
    uart_puts("sev wakes\n");

    /*
     * With SEVONPEND, an interrupt becoming pending wakes WFE even
     * when the NVIC does not take it.
     */
    NVIC_ICER = 1u << RTC0_IRQ;
    NVIC_ICPR = 1u << RTC0_IRQ;
    SCB_SCR |= SCR_SEVONPEND;
    RTC_INTENSET = RTC_INT_COMPARE0;
    compare_in(WAIT_TICKS);
    clear_event();
    while (!(NVIC_ISPR & (1u << RTC0_IRQ))) {
        wfe();
    }
    uart_puts("sevonpend wakes\n");
    return 0;
}
