/*
 * QTest for the nRF51 TIMERs of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define TIMER0              0x40008000
#define TIMER1              0x40009000
#define TIMER2              0x4000a000
#define TIMER0_IRQ          8
#define TASKS_START         0x000
#define TASKS_STOP          0x004
#define TASKS_COUNT         0x008
#define TASKS_CLEAR         0x00c
#define TASKS_CAPTURE(n)    (0x040 + 4 * (n))
#define EVENTS_COMPARE(n)   (0x140 + 4 * (n))
#define SHORTS              0x200
#define INTENSET            0x304
#define MODE                0x504
#define BITMODE             0x508
#define PRESCALER           0x510
#define CC(n)               (0x540 + 4 * (n))

#define PPI                 0x4001f000
#define PPI_CHENSET         (PPI + 0x504)
#define PPI_EEP(n)          (PPI + 0x510 + 8 * (n))
#define PPI_TEP(n)          (PPI + 0x514 + 8 * (n))

#define NVIC_ISPR0          0xe000e200
#define US                  1000
#define MS                  (1000 * US)

static uint32_t capture(QTestState *qts, uint32_t base, int n)
{
    qtest_writel(qts, base + TASKS_CAPTURE(n), 1);
    return qtest_readl(qts, base + CC(n));
}

static void test_timer_mode(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* PRESCALER resets to 4: 1 MHz */
    g_assert_cmpuint(qtest_readl(qts, TIMER0 + PRESCALER), ==, 4);
    qtest_writel(qts, TIMER0 + BITMODE, 3);
    qtest_writel(qts, TIMER0 + CC(0), 1000);
    qtest_writel(qts, TIMER0 + INTENSET, 1u << 16);
    qtest_writel(qts, TIMER0 + TASKS_START, 1);
    qtest_clock_step(qts, 999 * US);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 0);
    g_assert_cmpuint(capture(qts, TIMER0, 1), ==, 999);
    qtest_clock_step(qts, 1 * US);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 1);
    g_assert_true(qtest_readl(qts, NVIC_ISPR0) & (1u << TIMER0_IRQ));

    /* STOP freezes the count, START resumes it */
    qtest_writel(qts, TIMER0 + TASKS_STOP, 1);
    qtest_clock_step(qts, 500 * US);
    g_assert_cmpuint(capture(qts, TIMER0, 2), ==, 1000);
    qtest_writel(qts, TIMER0 + TASKS_START, 1);
    qtest_clock_step(qts, 10 * US);
    g_assert_cmpuint(capture(qts, TIMER0, 2), ==, 1010);
    qtest_writel(qts, TIMER0 + TASKS_CLEAR, 1);
    g_assert_cmpuint(capture(qts, TIMER0, 2), ==, 0);

    /* PRESCALER 0: 16 MHz */
    qtest_writel(qts, TIMER0 + PRESCALER, 0);
    qtest_clock_step(qts, 10 * US);
    g_assert_cmpuint(capture(qts, TIMER0, 2), ==, 160);
    qtest_quit(qts);
}

static void test_shorts(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* COMPARE[0] clears: a periodic timer */
    qtest_writel(qts, TIMER0 + CC(0), 100);
    qtest_writel(qts, TIMER0 + SHORTS, 1 << 0);
    qtest_writel(qts, TIMER0 + TASKS_START, 1);
    qtest_clock_step(qts, 350 * US);
    g_assert_cmpuint(capture(qts, TIMER0, 1), ==, 50);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 1);

    /* COMPARE[0] stops: a one-shot */
    qtest_writel(qts, TIMER0 + SHORTS, 1 << 8);
    qtest_clock_step(qts, 300 * US);
    g_assert_cmpuint(capture(qts, TIMER0, 1), ==, 100);
    qtest_quit(qts);
}

static void test_counter_and_width(void)
{
    QTestState *qts = qtest_init("-M microbit");
    int i;

    /* Counter mode counts COUNT tasks */
    qtest_writel(qts, TIMER1 + MODE, 1);
    qtest_writel(qts, TIMER1 + CC(0), 3);
    qtest_writel(qts, TIMER1 + TASKS_START, 1);
    for (i = 0; i < 2; i++) {
        qtest_writel(qts, TIMER1 + TASKS_COUNT, 1);
    }
    qtest_clock_step(qts, 1000 * US);
    g_assert_cmpuint(capture(qts, TIMER1, 1), ==, 2);
    g_assert_cmphex(qtest_readl(qts, TIMER1 + EVENTS_COMPARE(0)), ==, 0);
    qtest_writel(qts, TIMER1 + TASKS_COUNT, 1);
    g_assert_cmphex(qtest_readl(qts, TIMER1 + EVENTS_COMPARE(0)), ==, 1);

    /* TIMER1 is at most 16 bits wide, whatever BITMODE says */
    qtest_writel(qts, TIMER1 + MODE, 0);
    qtest_writel(qts, TIMER1 + BITMODE, 3);
    qtest_writel(qts, TIMER1 + PRESCALER, 0);
    qtest_writel(qts, TIMER1 + TASKS_CLEAR, 1);
    qtest_clock_step(qts, 5 * 1000 * US);
    g_assert_cmpuint(capture(qts, TIMER1, 1), ==, (16 * 5000) % 65536);

    /* 8-bit mode wraps at 256 */
    qtest_writel(qts, TIMER1 + BITMODE, 1);
    qtest_writel(qts, TIMER1 + TASKS_CLEAR, 1);
    qtest_clock_step(qts, 20 * US);
    g_assert_cmpuint(capture(qts, TIMER1, 1), ==, 320 % 256);
    qtest_quit(qts);
}

static void test_late_compare(void)
{
    QTestState *qts = qtest_init("-M microbit");
    uint32_t cc;
    int i;

    /*
     * A CC written just behind the running counter matches at once
     * instead of waiting for the counter to wrap
     */
    qtest_writel(qts, TIMER0 + BITMODE, 2);
    qtest_writel(qts, TIMER0 + TASKS_START, 1);
    qtest_clock_step(qts, 1000 * US);
    qtest_writel(qts, TIMER0 + CC(2), 990);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(2)), ==, 1);

    /*
     * A periodic "CC += 64" from a handler that runs 20 ms late catches
     * up: each step behind the counter matches at once, counted from
     * the last match, until one lands ahead of the counter again
     */
    qtest_writel(qts, TIMER0 + CC(0), 2000);
    qtest_clock_step(qts, 1000 * US);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 1);
    qtest_clock_step(qts, 20 * 1000 * US);
    cc = 2000;
    for (i = 0; i < 20000 / 64; i++) {
        qtest_writel(qts, TIMER0 + EVENTS_COMPARE(0), 0);
        cc += 64;
        qtest_writel(qts, TIMER0 + CC(0), cc);
        g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 1);
    }
    qtest_writel(qts, TIMER0 + EVENTS_COMPARE(0), 0);
    qtest_writel(qts, TIMER0 + CC(0), cc + 64);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 0);
    g_assert_cmpuint(capture(qts, TIMER0, 3), ==, 22000);
    qtest_clock_step(qts, (cc + 64 - 22000) * US);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 1);

    /* Far behind (here 2 s), it waits for the wrap as on the chip */
    qtest_clock_step(qts, 2000 * 1000 * US);
    qtest_writel(qts, TIMER0 + CC(1), 100);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(1)), ==, 0);

    /* So does a value the counter passed before CC was last written */
    qtest_writel(qts, TIMER0 + CC(1), 2000000);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(1)), ==, 0);

    /*
     * A CC stepped back behind the counter is parked, as MicroPython's
     * ticker parks a channel it has finished with: no match
     */
    cc = capture(qts, TIMER0, 3) + 100;
    qtest_writel(qts, TIMER0 + CC(3), cc);
    qtest_writel(qts, TIMER0 + CC(3), cc - 16 * 10);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(3)), ==, 0);
    qtest_clock_step(qts, 200 * US);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(3)), ==, 0);
    qtest_quit(qts);
}

/*
 * With nothing waiting for its events, the timer sleeps and the
 * counter is worked out when next read, however long after: as after a
 * callback that runs late.  The shorts must have fired at their tick
 * as often as they were due.
 */
static void test_late_shorts(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* 32 bits, COMPARE0->CLEAR with CC 1000: 10.5 periods in one step */
    qtest_writel(qts, TIMER0 + BITMODE, 3);
    qtest_writel(qts, TIMER0 + CC(0), 1000);
    qtest_writel(qts, TIMER0 + CC(1), 300);
    qtest_writel(qts, TIMER0 + SHORTS, 1 << 0);
    qtest_writel(qts, TIMER0 + TASKS_START, 1);
    qtest_clock_step(qts, 10500 * US);
    g_assert_cmpuint(capture(qts, TIMER0, 3), ==, 500);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 1);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(1)), ==, 1);
    /* The next match is 500 us on, not a wrap away */
    qtest_writel(qts, TIMER0 + EVENTS_COMPARE(0), 0);
    qtest_writel(qts, TIMER0 + INTENSET, 1u << 16);
    qtest_clock_step(qts, 499 * US);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 0);
    qtest_clock_step(qts, 1 * US);
    g_assert_cmphex(qtest_readl(qts, TIMER0 + EVENTS_COMPARE(0)), ==, 1);
    g_assert_true(qtest_readl(qts, NVIC_ISPR0) & (1u << TIMER0_IRQ));
    qtest_writel(qts, TIMER0 + TASKS_STOP, 1);

    /* 16 bits: 100.25 periods, well past the 65536-tick wrap */
    qtest_writel(qts, TIMER1 + CC(0), 1000);
    qtest_writel(qts, TIMER1 + SHORTS, 1 << 0);
    qtest_writel(qts, TIMER1 + TASKS_START, 1);
    qtest_clock_step(qts, 100250 * US);
    g_assert_cmpuint(capture(qts, TIMER1, 3), ==, 250);

    /* COMPARE0->STOP: frozen at CC, and at 0 if it also clears */
    qtest_writel(qts, TIMER1 + SHORTS, 1 << 8);
    qtest_clock_step(qts, 70 * MS);
    g_assert_cmpuint(capture(qts, TIMER1, 3), ==, 1000);
    qtest_writel(qts, TIMER1 + SHORTS, (1 << 8) | (1 << 0));
    qtest_writel(qts, TIMER1 + TASKS_CLEAR, 1);
    qtest_writel(qts, TIMER1 + TASKS_START, 1);
    qtest_clock_step(qts, 3 * MS);
    g_assert_cmpuint(capture(qts, TIMER1, 3), ==, 0);
    qtest_quit(qts);
}

/* TIMER2 counts, through PPI channel @ch, the events at @eep */
static void count_events(QTestState *qts, int ch, uint32_t eep)
{
    qtest_writel(qts, PPI_EEP(ch), eep);
    qtest_writel(qts, PPI_TEP(ch), TIMER2 + TASKS_COUNT);
    qtest_writel(qts, PPI_CHENSET, 1u << ch);
}

/* Every COMPARE event reaches the PPI, with the shorts applied */
static void test_ppi_count(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, TIMER2 + MODE, 1);
    qtest_writel(qts, TIMER2 + TASKS_START, 1);
    count_events(qts, 0, TIMER0 + EVENTS_COMPARE(0));
    count_events(qts, 1, TIMER0 + EVENTS_COMPARE(1));

    /* Periodic, 32 bits: COMPARE0 every 100 us, COMPARE1 at 40 in each */
    qtest_writel(qts, TIMER0 + BITMODE, 3);
    qtest_writel(qts, TIMER0 + CC(0), 100);
    qtest_writel(qts, TIMER0 + CC(1), 40);
    qtest_writel(qts, TIMER0 + SHORTS, 1 << 0);
    qtest_writel(qts, TIMER0 + TASKS_START, 1);
    qtest_clock_step(qts, 1050 * US);
    g_assert_cmpuint(capture(qts, TIMER2, 0), ==, 10 + 11);
    g_assert_cmpuint(capture(qts, TIMER0, 3), ==, 50);

    /* One-shot restarted by the PPI: STOP and START at the same tick */
    qtest_writel(qts, TIMER0 + TASKS_STOP, 1);
    qtest_writel(qts, TIMER0 + TASKS_CLEAR, 1);
    qtest_writel(qts, TIMER2 + TASKS_CLEAR, 1);
    qtest_writel(qts, TIMER0 + CC(1), 0);
    qtest_writel(qts, TIMER0 + SHORTS, (1 << 8) | (1 << 0));
    qtest_writel(qts, PPI_EEP(2), TIMER0 + EVENTS_COMPARE(0));
    qtest_writel(qts, PPI_TEP(2), TIMER0 + TASKS_START);
    qtest_writel(qts, PPI_CHENSET, 1u << 2);
    qtest_writel(qts, TIMER0 + TASKS_START, 1);
    qtest_clock_step(qts, 1050 * US);
    g_assert_cmpuint(capture(qts, TIMER2, 0), ==, 10);
    g_assert_cmpuint(capture(qts, TIMER0, 3), ==, 50);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/timer/timer-mode", test_timer_mode);
    qtest_add_func("/microbit/nrf51/timer/shorts", test_shorts);
    qtest_add_func("/microbit/nrf51/timer/counter-and-width",
                   test_counter_and_width);
    qtest_add_func("/microbit/nrf51/timer/late-compare", test_late_compare);
    qtest_add_func("/microbit/nrf51/timer/late-shorts", test_late_shorts);
    qtest_add_func("/microbit/nrf51/timer/ppi-count", test_ppi_count);

    return g_test_run();
}
