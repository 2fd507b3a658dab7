/*
 * QTest for the nRF51 RTCs of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define RTC0                0x4000b000
#define RTC1                0x40011000
#define RTC0_IRQ            11
#define TASKS_START         0x000
#define TASKS_STOP          0x004
#define TASKS_CLEAR         0x008
#define TASKS_TRIGOVRFLW    0x00c
#define EVENTS_TICK         0x100
#define EVENTS_OVRFLW       0x104
#define EVENTS_COMPARE(n)   (0x140 + 4 * (n))
#define INTENSET            0x304
#define INTENCLR            0x308
#define EVTENSET            0x344
#define COUNTER             0x504
#define PRESCALER           0x508
#define CC(n)               (0x540 + 4 * (n))

#define INT_TICK            (1u << 0)
#define INT_OVRFLW          (1u << 1)
#define INT_COMPARE(n)      (1u << (16 + (n)))

#define CLOCK_LFCLKSTART    0x40000008
#define SECOND              (1000 * 1000 * 1000LL)

/* TIMER2 in counter mode counts events through the PPI */
#define TIMER2              0x4000a000
#define TIMER_START         0x000
#define TIMER_COUNT         0x008
#define TIMER_CLEAR         0x00c
#define TIMER_CAPTURE0      0x040
#define TIMER_MODE          0x504
#define TIMER_CC0           0x540
#define PPI                 0x4001f000
#define PPI_CHENSET         (PPI + 0x504)
#define PPI_EEP(n)          (PPI + 0x510 + 8 * (n))
#define PPI_TEP(n)          (PPI + 0x514 + 8 * (n))
#define NVIC_ISPR0          0xe000e200
/* One tick of the 32768 Hz clock, in ns, rounded down */
#define TICK_NS             30517

static QTestState *rtc_init(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* The RTCs count only while the LFCLK runs */
    qtest_writel(qts, CLOCK_LFCLKSTART, 1);
    qtest_clock_step(qts, 1000 * 1000);
    return qts;
}

static void test_needs_lfclk(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, RTC0 + TASKS_START, 1);
    qtest_clock_step(qts, 1000 * 1000 * 1000);
    g_assert_cmpuint(qtest_readl(qts, RTC0 + COUNTER), ==, 0);

    /* Once the LFCLK has started (600 us), the counter runs */
    qtest_writel(qts, CLOCK_LFCLKSTART, 1);
    qtest_clock_step(qts, 600 * 1000);
    qtest_clock_step(qts, 1000 * 1000 * 1000);
    g_assert_cmpuint(qtest_readl(qts, RTC0 + COUNTER), ==, 32768);
    qtest_quit(qts);
}

static void test_count(void)
{
    QTestState *qts = rtc_init();

    qtest_writel(qts, RTC1 + TASKS_START, 1);
    qtest_clock_step(qts, 1000 * 1000 * 1000);
    g_assert_cmpuint(qtest_readl(qts, RTC1 + COUNTER), ==, 32768);

    /* PRESCALER is only writable while stopped */
    qtest_writel(qts, RTC1 + PRESCALER, 327);
    g_assert_cmpuint(qtest_readl(qts, RTC1 + PRESCALER), ==, 0);
    qtest_writel(qts, RTC1 + TASKS_STOP, 1);
    qtest_clock_step(qts, 1000 * 1000 * 1000);
    g_assert_cmpuint(qtest_readl(qts, RTC1 + COUNTER), ==, 32768);

    /* 32768 / (327 + 1) = 99.9 Hz */
    qtest_writel(qts, RTC1 + PRESCALER, 327);
    qtest_writel(qts, RTC1 + TASKS_CLEAR, 1);
    qtest_writel(qts, RTC1 + TASKS_START, 1);
    qtest_clock_step(qts, 1000 * 1000 * 1000);
    g_assert_cmpuint(qtest_readl(qts, RTC1 + COUNTER), ==, 99);
    qtest_quit(qts);
}

static void test_compare(void)
{
    QTestState *qts = rtc_init();

    qtest_writel(qts, RTC0 + CC(0), 10);
    qtest_writel(qts, RTC0 + CC(2), 20);
    qtest_writel(qts, RTC0 + INTENSET, INT_COMPARE(0));
    qtest_writel(qts, RTC0 + EVTENSET, INT_COMPARE(2));
    qtest_writel(qts, RTC0 + TASKS_START, 1);

    /* The tenth tick comes at 305176 ns */
    qtest_clock_step(qts, 10 * TICK_NS);
    g_assert_cmphex(qtest_readl(qts, RTC0 + EVENTS_COMPARE(0)), ==, 0);
    qtest_clock_step(qts, 10);
    g_assert_cmphex(qtest_readl(qts, RTC0 + EVENTS_COMPARE(0)), ==, 1);
    g_assert_true(qtest_readl(qts, NVIC_ISPR0) & (1u << RTC0_IRQ));

    /* EVTEN alone generates the event, without an interrupt */
    qtest_writel(qts, RTC0 + EVENTS_COMPARE(0), 0);
    qtest_writel(qts, NVIC_ISPR0 + 0x80, 1u << RTC0_IRQ);
    qtest_clock_step(qts, 11 * TICK_NS);
    g_assert_cmphex(qtest_readl(qts, RTC0 + EVENTS_COMPARE(2)), ==, 1);
    g_assert_false(qtest_readl(qts, NVIC_ISPR0) & (1u << RTC0_IRQ));

    /* RTC0 has three CC registers, RTC1 four */
    qtest_writel(qts, RTC0 + CC(3), 5);
    g_assert_cmphex(qtest_readl(qts, RTC0 + CC(3)), ==, 0);
    qtest_writel(qts, RTC1 + CC(3), 5);
    g_assert_cmphex(qtest_readl(qts, RTC1 + CC(3)), ==, 5);
    qtest_quit(qts);
}

static void test_overflow_and_tick(void)
{
    QTestState *qts = rtc_init();

    qtest_writel(qts, RTC0 + TASKS_START, 1);
    qtest_writel(qts, RTC0 + TASKS_TRIGOVRFLW, 1);
    g_assert_cmphex(qtest_readl(qts, RTC0 + COUNTER), ==, 0xfffff0);
    qtest_writel(qts, RTC0 + INTENSET, INT_OVRFLW);
    qtest_clock_step(qts, 15 * TICK_NS);
    g_assert_cmphex(qtest_readl(qts, RTC0 + EVENTS_OVRFLW), ==, 0);
    qtest_clock_step(qts, 2 * TICK_NS);
    g_assert_cmphex(qtest_readl(qts, RTC0 + EVENTS_OVRFLW), ==, 1);
    g_assert_cmphex(qtest_readl(qts, RTC0 + COUNTER), ==, 0);

    /* TICK on every increment, once enabled */
    qtest_writel(qts, RTC0 + INTENSET, INT_TICK);
    qtest_writel(qts, RTC0 + EVENTS_TICK, 0);
    qtest_clock_step(qts, TICK_NS + 1);
    g_assert_cmphex(qtest_readl(qts, RTC0 + EVENTS_TICK), ==, 1);
    qtest_writel(qts, RTC0 + EVENTS_TICK, 0);
    qtest_writel(qts, RTC0 + INTENCLR, INT_TICK);
    qtest_clock_step(qts, 10 * TICK_NS);
    g_assert_cmphex(qtest_readl(qts, RTC0 + EVENTS_TICK), ==, 0);

    qtest_writel(qts, RTC0 + TASKS_CLEAR, 1);
    g_assert_cmphex(qtest_readl(qts, RTC0 + COUNTER), ==, 0);
    qtest_quit(qts);
}

/*
 * With nothing waiting for them, events are worked out when next read,
 * however long after: as after a timer callback that runs late.
 */
static void test_late(void)
{
    QTestState *qts = rtc_init();

    /* EVTEN generates the events; no PPI channel listens */
    qtest_writel(qts, RTC1 + EVTENSET, INT_OVRFLW | INT_COMPARE(0));
    qtest_writel(qts, RTC1 + CC(0), 1000);
    qtest_writel(qts, RTC1 + TASKS_TRIGOVRFLW, 1);
    qtest_writel(qts, RTC1 + TASKS_START, 1);
    qtest_clock_step(qts, 100 * SECOND);
    g_assert_cmphex(qtest_readl(qts, RTC1 + COUNTER), ==,
                    (0xfffff0 + 100 * 32768) & 0xffffff);
    g_assert_cmphex(qtest_readl(qts, RTC1 + EVENTS_OVRFLW), ==, 1);
    g_assert_cmphex(qtest_readl(qts, RTC1 + EVENTS_COMPARE(0)), ==, 1);
    g_assert_cmphex(qtest_readl(qts, RTC1 + EVENTS_COMPARE(1)), ==, 0);
    qtest_quit(qts);
}

/* TIMER2 counts, through PPI channel @ch, the events at @eep */
static void count_events(QTestState *qts, int ch, uint32_t eep)
{
    qtest_writel(qts, TIMER2 + TIMER_MODE, 1);
    qtest_writel(qts, TIMER2 + TIMER_START, 1);
    qtest_writel(qts, PPI_EEP(ch), eep);
    qtest_writel(qts, PPI_TEP(ch), TIMER2 + TIMER_COUNT);
    qtest_writel(qts, PPI_CHENSET, 1u << ch);
}

static uint32_t counted(QTestState *qts)
{
    qtest_writel(qts, TIMER2 + TIMER_CAPTURE0, 1);
    return qtest_readl(qts, TIMER2 + TIMER_CC0);
}

/* Each TICK and OVRFLW reaches the PPI once EVTEN lets it */
static void test_ppi_count(void)
{
    QTestState *qts = rtc_init();

    count_events(qts, 0, RTC1 + EVENTS_TICK);
    count_events(qts, 1, RTC0 + EVENTS_OVRFLW);

    /* 99.9 Hz: 999 ticks in 10 s, none before EVTEN */
    qtest_writel(qts, RTC1 + PRESCALER, 327);
    qtest_writel(qts, RTC1 + TASKS_START, 1);
    qtest_clock_step(qts, SECOND);
    g_assert_cmpuint(counted(qts), ==, 0);
    qtest_writel(qts, RTC1 + TASKS_CLEAR, 1);
    qtest_writel(qts, RTC1 + EVTENSET, INT_TICK);
    qtest_clock_step(qts, 10 * SECOND);
    g_assert_cmpuint(counted(qts), ==, 999);
    qtest_writel(qts, RTC1 + TASKS_STOP, 1);

    /* Overflows 16 ticks on, then every 2^24 ticks (512 s) */
    qtest_writel(qts, TIMER2 + TIMER_CLEAR, 1);
    qtest_writel(qts, RTC0 + EVTENSET, INT_OVRFLW);
    qtest_writel(qts, RTC0 + TASKS_TRIGOVRFLW, 1);
    qtest_writel(qts, RTC0 + TASKS_START, 1);
    qtest_clock_step(qts, 1100 * SECOND);
    g_assert_cmpuint(counted(qts), ==, 3);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/rtc/needs-lfclk", test_needs_lfclk);
    qtest_add_func("/microbit/nrf51/rtc/count", test_count);
    qtest_add_func("/microbit/nrf51/rtc/compare", test_compare);
    qtest_add_func("/microbit/nrf51/rtc/overflow-and-tick",
                   test_overflow_and_tick);
    qtest_add_func("/microbit/nrf51/rtc/late", test_late);
    qtest_add_func("/microbit/nrf51/rtc/ppi-count", test_ppi_count);

    return g_test_run();
}
