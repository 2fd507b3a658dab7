/*
 * A 1 ms periodic interrupt, counted: the program prints the count at
 * every 500th interrupt, so a host that reads the console can tell
 * whether the emulated counter keeps its rate, also after the emulator
 * was paused.  The same event is counted in hardware too, by TIMER2 in
 * counter mode through PPI channel 0, which does not depend on how soon
 * the CPU takes the interrupt; and RTC0, started with the program,
 * gives the virtual time at which the line was written, in 32768 Hz
 * ticks: "ticks 000001f4 events 000001f5 rtc 00004123".
 * The source of the interrupt is chosen when building:
 *
 *   TICKER_TIMER32  TIMER0, 32 bits at 1 MHz, CC[0] = 1000 with the
 *                   COMPARE0->CLEAR short
 *   TICKER_TIMER16  the same in 16 bits
 *   TICKER_STOP     16 bits, COMPARE0->CLEAR and COMPARE0->STOP, and
 *                   the handler starts the timer again
 *   TICKER_RTC      RTC1 at 32768 Hz, the handler steps CC[0] forward
 *                   by 32.768 ticks on average
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "nrf51.h"

#define PRINT_EVERY     500

#define TIMER_START     REG(TIMER0 + 0x000)
#define TIMER_COMPARE0  REG(TIMER0 + 0x140)
#define TIMER_SHORTS    REG(TIMER0 + 0x200)
#define TIMER_INTENSET  REG(TIMER0 + 0x304)
#define TIMER_MODE      REG(TIMER0 + 0x504)
#define TIMER_BITMODE   REG(TIMER0 + 0x508)
#define TIMER_PRESCALER REG(TIMER0 + 0x510)
#define TIMER_CC0       REG(TIMER0 + 0x540)

#define TIMER_BITMODE_16    0
#define TIMER_BITMODE_32    3
#define TIMER_SHORT_CLEAR0  (1u << 0)
#define TIMER_SHORT_STOP0   (1u << 8)
#define TIMER_INT_COMPARE0  (1u << 16)

#define RTC1_START      REG(RTC1 + 0x000)
#define RTC1_COMPARE0   REG(RTC1 + 0x140)
#define RTC1_INTENSET   REG(RTC1 + 0x304)
#define RTC1_CC0        REG(RTC1 + 0x540)

#define TIMER2          0x4000a000
#define TIMER2_START    REG(TIMER2 + 0x000)
#define TIMER2_COUNT    (TIMER2 + 0x008)
#define TIMER2_CAPTURE0 REG(TIMER2 + 0x040)
#define TIMER2_MODE     REG(TIMER2 + 0x504)
#define TIMER2_CC0      REG(TIMER2 + 0x540)

#define PPI_CHENSET     REG(0x4001f504)
#define PPI_EEP0        REG(0x4001f510)
#define PPI_TEP0        REG(0x4001f514)

#define RTC1_EVTENSET   REG(RTC1 + 0x344)

#define LFCLK_HZ        32768
#define RTC_MASK        0xffffff

static volatile uint32_t ticks;     /* volatile: counted in the handler */

#if defined(TICKER_RTC)

static uint32_t next_cc;
static uint32_t fraction;           /* in thousandths of a tick */

/* The next CC, 1 ms on: 32 or 33 ticks, 32.768 on average */
static void rtc_step(void)
{
    fraction += LFCLK_HZ;
    next_cc += fraction / 1000;
    fraction %= 1000;
    RTC1_CC0 = next_cc & RTC_MASK;
}

void rtc1_handler(void)
{
    RTC1_COMPARE0 = 0;
    rtc_step();
    ticks++;
}

static void ticker_start(void)
{
    RTC1_INTENSET = RTC_INT_COMPARE0;
    RTC1_EVTENSET = RTC_INT_COMPARE0;
    PPI_EEP0 = (uint32_t)&RTC1_COMPARE0;
    NVIC_ISER = 1u << RTC1_IRQ;
    rtc_step();
    RTC1_START = 1;
}

#else

void timer0_handler(void)
{
    TIMER_COMPARE0 = 0;
#if defined(TICKER_STOP)
    TIMER_START = 1;
#endif
    ticks++;
}

static void ticker_start(void)
{
    TIMER_MODE = 0;
#if defined(TICKER_TIMER32)
    TIMER_BITMODE = TIMER_BITMODE_32;
#else
    TIMER_BITMODE = TIMER_BITMODE_16;
#endif
    TIMER_PRESCALER = 4;                /* 1 MHz */
    TIMER_CC0 = 1000;
#if defined(TICKER_STOP)
    TIMER_SHORTS = TIMER_SHORT_CLEAR0 | TIMER_SHORT_STOP0;
#else
    TIMER_SHORTS = TIMER_SHORT_CLEAR0;
#endif
    TIMER_INTENSET = TIMER_INT_COMPARE0;
    PPI_EEP0 = (uint32_t)&TIMER_COMPARE0;
    NVIC_ISER = 1u << TIMER0_IRQ;
    TIMER_START = 1;
}

#endif

int main(void)
{
    uint32_t printed = 0;
    uint32_t events, rtc;

    uart_init();
    CLOCK_LFCLKSTART = 1;
    while (!CLOCK_LFCLKSTARTED) {
        spin();
    }
    RTC_START = 1;
    uart_puts("ticker start\n");
    TIMER2_MODE = 1;
    TIMER2_START = 1;
    PPI_TEP0 = TIMER2_COUNT;
    PPI_CHENSET = 1;
    ticker_start();
    for (;;) {
        uint32_t now = ticks;

        if (now - printed >= PRINT_EVERY) {
            printed += PRINT_EVERY;
            uart_puts("ticks ");
            TIMER2_CAPTURE0 = 1;
            rtc = RTC_COUNTER;
            events = TIMER2_CC0;
            uart_puthex(printed);
            uart_puts(" events ");
            uart_puthex(events);
            uart_puts(" rtc ");
            uart_puthex(rtc);
            uart_puts("\n");
        } else {
            __asm__ volatile("wfi" : : : "memory");
        }
    }
    return 0;
}
