/*
 * QTest for the nRF51 TWI and the micro:bit's I2C sensors
 *
 * The TWI master is driven as firmware drives it, against the
 * MMA8653FC accelerometer and MAG3110 magnetometer on the board's
 * internal bus (TWI0).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qobject/qdict.h"

#define TWI0                0x40003000
#define TWI1                0x40004000
#define TASKS_STARTRX       0x000
#define TASKS_STARTTX       0x008
#define TASKS_STOP          0x014
#define TASKS_SUSPEND       0x01c
#define TASKS_RESUME        0x020
#define EVENTS_STOPPED      0x104
#define EVENTS_RXDREADY     0x108
#define EVENTS_TXDSENT      0x11c
#define EVENTS_ERROR        0x124
#define EVENTS_BB           0x138
#define EVENTS_SUSPENDED    0x148
#define SHORTS              0x200
#define ERRORSRC            0x4c4
#define ENABLE              0x500
#define RXD                 0x518
#define TXD                 0x51c
#define FREQUENCY           0x524
#define ADDRESS             0x588

#define SHORT_BB_SUSPEND    1
#define SHORT_BB_STOP       2
#define ERRORSRC_ANACK      2
#define FREQ_K400           0x06680000
/* Nine clocks at 400 kHz: 22.5 us */
#define BYTE_NS             23000

#define ACCEL_ADDR          0x1d
#define MAG_ADDR            0x0e
#define FXOS_ADDR           0x1e
#define LSM_ACCEL_ADDR      0x19
#define LSM_MAG_ADDR        0x1e
#define GPIO_IN             0x50000510
#define GPIO_PIN_CNF(n)     (0x50000700 + 4 * (n))

static void twi_wait(QTestState *qts, uint32_t base, uint32_t event)
{
    int i;

    for (i = 0; i < 100 && !qtest_readl(qts, base + event); i++) {
        qtest_clock_step(qts, BYTE_NS);
    }
    g_assert_cmphex(qtest_readl(qts, base + event), ==, 1);
    qtest_writel(qts, base + event, 0);
}

static void twi_enable(QTestState *qts, uint32_t base)
{
    qtest_writel(qts, base + ENABLE, 5);
    qtest_writel(qts, base + FREQUENCY, FREQ_K400);
}

/* Write @n bytes to a register, as i2c.writeRegister() does */
static void twi_write(QTestState *qts, uint8_t addr, const uint8_t *buf,
                      int n)
{
    int i;

    qtest_writel(qts, TWI0 + ADDRESS, addr);
    qtest_writel(qts, TWI0 + TXD, buf[0]);
    qtest_writel(qts, TWI0 + TASKS_STARTTX, 1);
    for (i = 0; i < n; i++) {
        twi_wait(qts, TWI0, EVENTS_TXDSENT);
        if (i + 1 < n) {
            qtest_writel(qts, TWI0 + TXD, buf[i + 1]);
        }
    }
    qtest_writel(qts, TWI0 + TASKS_STOP, 1);
    twi_wait(qts, TWI0, EVENTS_STOPPED);
}

/* Read @n bytes from register @reg, with a repeated start */
static void twi_read(QTestState *qts, uint8_t addr, uint8_t reg,
                     uint8_t *buf, int n)
{
    int i;

    qtest_writel(qts, TWI0 + ADDRESS, addr);
    qtest_writel(qts, TWI0 + TXD, reg);
    qtest_writel(qts, TWI0 + TASKS_STARTTX, 1);
    twi_wait(qts, TWI0, EVENTS_TXDSENT);

    qtest_writel(qts, TWI0 + SHORTS, n == 1 ? SHORT_BB_STOP :
                                              SHORT_BB_SUSPEND);
    qtest_writel(qts, TWI0 + TASKS_STARTRX, 1);
    for (i = 0; i < n; i++) {
        if (i == n - 1) {
            qtest_writel(qts, TWI0 + SHORTS, SHORT_BB_STOP);
        }
        if (i > 0) {
            qtest_writel(qts, TWI0 + TASKS_RESUME, 1);
        }
        twi_wait(qts, TWI0, EVENTS_RXDREADY);
        buf[i] = qtest_readl(qts, TWI0 + RXD);
    }
    twi_wait(qts, TWI0, EVENTS_STOPPED);
    qtest_writel(qts, TWI0 + SHORTS, 0);
}

static void test_address_nack(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Nobody answers at 0x42, nor anywhere on TWI1 */
    twi_enable(qts, TWI0);
    qtest_writel(qts, TWI0 + ADDRESS, 0x42);
    qtest_writel(qts, TWI0 + TASKS_STARTTX, 1);
    twi_wait(qts, TWI0, EVENTS_ERROR);
    g_assert_cmphex(qtest_readl(qts, TWI0 + ERRORSRC), ==, ERRORSRC_ANACK);
    qtest_writel(qts, TWI0 + ERRORSRC, ERRORSRC_ANACK);
    g_assert_cmphex(qtest_readl(qts, TWI0 + ERRORSRC), ==, 0);
    qtest_writel(qts, TWI0 + TASKS_STOP, 1);
    twi_wait(qts, TWI0, EVENTS_STOPPED);

    /*
     * A byte written to TXD while nobody answers (as mbed writes it,
     * just after STARTTX) is not sent by the next transfer: probing for
     * one sensor must not write into another
     */
    qtest_writel(qts, TWI0 + ADDRESS, 0x19);
    qtest_writel(qts, TWI0 + TASKS_STARTTX, 1);
    qtest_writel(qts, TWI0 + TXD, 0x0e);
    twi_wait(qts, TWI0, EVENTS_ERROR);
    qtest_writel(qts, TWI0 + ERRORSRC, ERRORSRC_ANACK);
    {
        static const uint8_t range_4g[] = { 0x0e, 0x01 };
        uint8_t b;

        twi_write(qts, ACCEL_ADDR, range_4g, 2);
        twi_read(qts, ACCEL_ADDR, 0x0e, &b, 1);
        g_assert_cmphex(b, ==, 0x01);
    }

    twi_enable(qts, TWI1);
    qtest_writel(qts, TWI1 + ADDRESS, ACCEL_ADDR);
    qtest_writel(qts, TWI1 + TASKS_STARTRX, 1);
    twi_wait(qts, TWI1, EVENTS_ERROR);
    g_assert_cmphex(qtest_readl(qts, TWI1 + ERRORSRC), ==, ERRORSRC_ANACK);
    qtest_quit(qts);
}

static void test_who_am_i(void)
{
    QTestState *qts = qtest_init("-M microbit");
    uint8_t b;

    twi_enable(qts, TWI0);
    twi_read(qts, ACCEL_ADDR, 0x0d, &b, 1);
    g_assert_cmphex(b, ==, 0x5a);
    twi_read(qts, MAG_ADDR, 0x07, &b, 1);
    g_assert_cmphex(b, ==, 0xc4);
    qtest_quit(qts);
}

static void qom_set_int(QTestState *qts, const char *prop, int value)
{
    QDict *rsp = qtest_qmp(qts, "{ 'execute': 'qom-set', 'arguments': "
                           "{ 'path': '/machine', 'property': %s, "
                           "'value': %d } }", prop, value);

    g_assert_false(qdict_haskey(rsp, "error"));
    qobject_unref(rsp);
}

static void test_accelerometer(void)
{
    QTestState *qts = qtest_init("-M microbit");
    static const uint8_t standby[] = { 0x2a, 0x00 };
    static const uint8_t drdy_int1[] = { 0x2d, 0x01, 0x01 };
    static const uint8_t range_4g[] = { 0x0e, 0x01 };
    static const uint8_t active_50hz[] = { 0x2a, (4 << 3) | 1 };
    uint8_t b[6];

    /* Board frame: x right, y up, z into the board */
    qom_set_int(qts, "accel-x", 500);
    qom_set_int(qts, "accel-y", -250);
    qom_set_int(qts, "accel-z", 1000);

    twi_enable(qts, TWI0);
    qtest_writel(qts, GPIO_PIN_CNF(28), 0);
    twi_write(qts, ACCEL_ADDR, standby, 2);
    twi_write(qts, ACCEL_ADDR, drdy_int1, 3);
    twi_write(qts, ACCEL_ADDR, range_4g, 2);
    twi_write(qts, ACCEL_ADDR, active_50hz, 2);

    /* INT1 (P0.28, active low) falls when a sample is ready, at 50 Hz */
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 28));
    qtest_clock_step(qts, 20 * 1000 * 1000);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 28));

    /* 4 g range: 128 counts per g; the part's x and y point the other way */
    twi_read(qts, ACCEL_ADDR, 0x01, b, 6);
    g_assert_cmpint((int16_t)(b[0] << 8 | b[1]) >> 6, ==, -64);
    g_assert_cmpint((int16_t)(b[2] << 8 | b[3]) >> 6, ==, 32);
    g_assert_cmpint((int16_t)(b[4] << 8 | b[5]) >> 6, ==, 128);
    /* Reading the sample releases INT1 */
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 28));

    /* The next one is ready a period later, read or not in between */
    qtest_clock_step(qts, 19 * 1000 * 1000);
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 28));
    qtest_clock_step(qts, 1 * 1000 * 1000);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 28));
    qtest_clock_step(qts, 100 * 1000 * 1000);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 28));
    qom_set_int(qts, "accel-z", -500);
    twi_read(qts, ACCEL_ADDR, 0x01, b, 6);
    g_assert_cmpint((int16_t)(b[4] << 8 | b[5]) >> 6, ==, -64);
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 28));
    qtest_clock_step(qts, 20 * 1000 * 1000);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 28));
    qtest_quit(qts);
}

static void test_magnetometer(void)
{
    QTestState *qts = qtest_init("-M microbit");
    static const uint8_t active_80hz[] = { 0x10, 0x01 };
    uint8_t b[6];

    qom_set_int(qts, "magnet-x", 20000);
    qom_set_int(qts, "magnet-y", -5000);
    qom_set_int(qts, "magnet-z", 48000);

    twi_enable(qts, TWI0);
    qtest_writel(qts, GPIO_PIN_CNF(29), 0);
    twi_write(qts, MAG_ADDR, active_80hz, 2);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 29));
    qtest_clock_step(qts, 13 * 1000 * 1000);
    /* INT1 (P0.29) is active high */
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 29));

    /* 0.1 uT per count, and every axis points the other way */
    twi_read(qts, MAG_ADDR, 0x01, b, 6);
    g_assert_cmpint((int16_t)(b[0] << 8 | b[1]), ==, -200);
    g_assert_cmpint((int16_t)(b[2] << 8 | b[3]), ==, 50);
    g_assert_cmpint((int16_t)(b[4] << 8 | b[5]), ==, -480);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 29));

    /*
     * Left unread for many periods, the sample read is the field as it
     * stands then, and the next is ready a period after the read
     */
    qtest_clock_step(qts, 13 * 1000 * 1000);
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 29));
    qtest_clock_step(qts, 200 * 1000 * 1000);
    qom_set_int(qts, "magnet-x", -30000);
    twi_read(qts, MAG_ADDR, 0x01, b, 6);
    g_assert_cmpint((int16_t)(b[0] << 8 | b[1]), ==, 300);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 29));
    qtest_clock_step(qts, 13 * 1000 * 1000);
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 29));
    qtest_quit(qts);
}

/*
 * The v1.5 board's FXOS8700CQ, set up as the runtime does: hybrid mode
 * with the auto-increment that reads both sensors in one burst, and a
 * data-ready interrupt on INT1 (P0.27, active low)
 */
static void test_fxos8700(void)
{
    QTestState *qts = qtest_init("-M microbit,sensors=fxos8700");
    static const uint8_t standby[] = { 0x2a, 0x00 };
    static const uint8_t hybrid[] = { 0x5b, 0x1f, 0x20 };
    static const uint8_t drdy_int1[] = { 0x2c, 0x01, 0x01, 0x01 };
    static const uint8_t range_2g[] = { 0x0e, 0x00 };
    static const uint8_t active_50hz[] = { 0x2a, (4 << 3) | 1 };
    uint8_t b[12];

    qom_set_int(qts, "accel-x", 500);
    qom_set_int(qts, "accel-y", -250);
    qom_set_int(qts, "accel-z", 1000);
    qom_set_int(qts, "magnet-x", 20000);
    qom_set_int(qts, "magnet-y", -5000);
    qom_set_int(qts, "magnet-z", 48000);

    twi_enable(qts, TWI0);
    twi_read(qts, FXOS_ADDR, 0x0d, b, 1);
    g_assert_cmphex(b[0], ==, 0xc7);
    qtest_writel(qts, GPIO_PIN_CNF(27), 0);
    twi_write(qts, FXOS_ADDR, standby, 2);
    twi_write(qts, FXOS_ADDR, hybrid, 3);
    twi_write(qts, FXOS_ADDR, drdy_int1, 4);
    twi_write(qts, FXOS_ADDR, range_2g, 2);
    twi_write(qts, FXOS_ADDR, active_50hz, 2);

    /* 50 Hz, halved in hybrid mode */
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 27));
    qtest_clock_step(qts, 30 * 1000 * 1000);
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 27));
    qtest_clock_step(qts, 10 * 1000 * 1000);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (1u << 27));

    /*
     * 4096 counts per g at 2 g, 14 bits left-justified, then 0.1 uT per
     * count; x and y of both point the other way
     */
    twi_read(qts, FXOS_ADDR, 0x01, b, 12);
    g_assert_cmpint((int16_t)(b[0] << 8 | b[1]) >> 2, ==, -2048);
    g_assert_cmpint((int16_t)(b[2] << 8 | b[3]) >> 2, ==, 1024);
    g_assert_cmpint((int16_t)(b[4] << 8 | b[5]) >> 2, ==, 4096);
    g_assert_cmpint((int16_t)(b[6] << 8 | b[7]), ==, -200);
    g_assert_cmpint((int16_t)(b[8] << 8 | b[9]), ==, 50);
    g_assert_cmpint((int16_t)(b[10] << 8 | b[11]), ==, 480);
    g_assert_true(qtest_readl(qts, GPIO_IN) & (1u << 27));
    qtest_quit(qts);
}

/*
 * The other v1.5 board's LSM303AGR: two slaves, register addresses with
 * the auto-increment bit, little-endian left-justified outputs, and
 * data-ready interrupts (active high) on P0.28 and P0.29
 */
static void test_lsm303agr(void)
{
    QTestState *qts = qtest_init("-M microbit,sensors=lsm303agr");
    static const uint8_t accel_50hz[] = { 0x20, (4 << 4) | 7 };
    static const uint8_t accel_drdy[] = { 0x22, 0x10 };
    static const uint8_t accel_4g[] = { 0x23, 0x90 };
    static const uint8_t mag_50hz[] = { 0x60, 2 << 2 };
    static const uint8_t mag_drdy[] = { 0x62, 0x01 };
    uint8_t b[6];

    qom_set_int(qts, "accel-x", 500);
    qom_set_int(qts, "accel-y", -250);
    qom_set_int(qts, "accel-z", 1000);
    qom_set_int(qts, "magnet-x", 15000);
    qom_set_int(qts, "magnet-y", -4500);
    qom_set_int(qts, "magnet-z", 48000);

    twi_enable(qts, TWI0);
    twi_read(qts, LSM_ACCEL_ADDR, 0x0f, b, 1);
    g_assert_cmphex(b[0], ==, 0x33);
    twi_read(qts, LSM_MAG_ADDR, 0x4f, b, 1);
    g_assert_cmphex(b[0], ==, 0x40);

    qtest_writel(qts, GPIO_PIN_CNF(28), 0);
    qtest_writel(qts, GPIO_PIN_CNF(29), 0);
    twi_write(qts, LSM_ACCEL_ADDR, accel_drdy, 2);
    twi_write(qts, LSM_ACCEL_ADDR, accel_4g, 2);
    twi_write(qts, LSM_ACCEL_ADDR, accel_50hz, 2);
    twi_write(qts, LSM_MAG_ADDR, mag_drdy, 2);
    twi_write(qts, LSM_MAG_ADDR, mag_50hz, 2);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (3u << 28));
    qtest_clock_step(qts, 20 * 1000 * 1000);
    g_assert_cmphex(qtest_readl(qts, GPIO_IN) & (3u << 28), ==, 3u << 28);

    /* 4 g, 10 bits: 8 milli-g per digit; the y axes point the other way */
    twi_read(qts, LSM_ACCEL_ADDR, 0x28 | 0x80, b, 6);
    g_assert_cmpint((int16_t)(b[1] << 8 | b[0]) >> 6, ==, 62);
    g_assert_cmpint((int16_t)(b[3] << 8 | b[2]) >> 6, ==, 31);
    g_assert_cmpint((int16_t)(b[5] << 8 | b[4]) >> 6, ==, 125);
    /* 150 nT per count */
    twi_read(qts, LSM_MAG_ADDR, 0x68, b, 6);
    g_assert_cmpint((int16_t)(b[1] << 8 | b[0]), ==, 100);
    g_assert_cmpint((int16_t)(b[3] << 8 | b[2]), ==, 30);
    g_assert_cmpint((int16_t)(b[5] << 8 | b[4]), ==, 320);
    g_assert_false(qtest_readl(qts, GPIO_IN) & (3u << 28));
    qtest_quit(qts);
}

/*
 * Switching the TWI off with POWER (which mbed's driver does before it
 * sets the TWI up) resets the TWI, not the sensors on its bus, and
 * ends a transfer left open.
 */
static void test_power_cycle(void)
{
    QTestState *qts = qtest_init("-M microbit");
    const uint8_t active[] = { 0x2a, 0x21 };    /* CTRL_REG1: ACTIVE */
    uint8_t ctrl = 0;

    twi_enable(qts, TWI0);
    twi_write(qts, ACCEL_ADDR, active, 2);
    /* Start another write and leave it open */
    qtest_writel(qts, TWI0 + ADDRESS, ACCEL_ADDR);
    qtest_writel(qts, TWI0 + TXD, 0x2a);
    qtest_writel(qts, TWI0 + TASKS_STARTTX, 1);
    twi_wait(qts, TWI0, EVENTS_TXDSENT);

    qtest_writel(qts, TWI0 + 0xffc, 0);
    qtest_writel(qts, TWI0 + 0xffc, 1);
    g_assert_cmphex(qtest_readl(qts, TWI0 + ENABLE), ==, 0);
    g_assert_cmphex(qtest_readl(qts, TWI0 + SHORTS), ==, 0);
    g_assert_cmphex(qtest_readl(qts, TWI0 + 0xffc), ==, 1);

    twi_enable(qts, TWI0);
    twi_read(qts, ACCEL_ADDR, 0x2a, &ctrl, 1);
    g_assert_cmphex(ctrl, ==, 0x21);
    qtest_quit(qts);
}

/*
 * Read the two bytes of a 16-bit output from @reg, setting the board's
 * @prop to @value between them
 */
static void twi_read_setting(QTestState *qts, uint8_t addr, uint8_t reg,
                             uint8_t *buf, const char *prop, int value)
{
    qtest_writel(qts, TWI0 + ADDRESS, addr);
    qtest_writel(qts, TWI0 + TXD, reg);
    qtest_writel(qts, TWI0 + TASKS_STARTTX, 1);
    twi_wait(qts, TWI0, EVENTS_TXDSENT);
    qtest_writel(qts, TWI0 + SHORTS, SHORT_BB_SUSPEND);
    qtest_writel(qts, TWI0 + TASKS_STARTRX, 1);
    twi_wait(qts, TWI0, EVENTS_RXDREADY);
    buf[0] = qtest_readl(qts, TWI0 + RXD);
    qom_set_int(qts, prop, value);
    qtest_writel(qts, TWI0 + SHORTS, SHORT_BB_STOP);
    qtest_writel(qts, TWI0 + TASKS_RESUME, 1);
    twi_wait(qts, TWI0, EVENTS_RXDREADY);
    buf[1] = qtest_readl(qts, TWI0 + RXD);
    twi_wait(qts, TWI0, EVENTS_STOPPED);
    qtest_writel(qts, TWI0 + SHORTS, 0);
}

/*
 * The bytes of one burst come from one sample: a reading that changes
 * while the burst is on the wire shows in the next burst, not half in
 * this one.  The values are chosen so that both bytes differ.
 */
typedef struct SensorOutput {
    const char *name;
    const char *machine;
    uint8_t addr;
    uint8_t reg;                /* the first byte of accel z */
    bool msb_first;
    int before, after;          /* accel-z, milli-g */
    uint16_t out_before, out_after;
} SensorOutput;

static const SensorOutput latch_cases[] = {
    /* 2 g, 10 bits: 256 counts per g */
    { "mma8653", "microbit", ACCEL_ADDR, 0x05, true, 1000, 996,
      0x4000, 0x3f80 },
    /* 2 g, 14 bits: 4096 counts per g */
    { "fxos8700", "microbit,sensors=fxos8700", FXOS_ADDR, 0x05, true, 1000, 999,
      0x4000, 0x3fec },
    /* 2 g, 10 bits, 4 milli-g per digit, least significant byte first */
    { "lsm303agr", "microbit,sensors=lsm303agr", LSM_ACCEL_ADDR,
      0x2c | 0x80, false, 1000, 1008, 0x3e80, 0x3f00 },
};

static uint16_t output_of(const SensorOutput *c, const uint8_t *b)
{
    return c->msb_first ? b[0] << 8 | b[1] : b[1] << 8 | b[0];
}

static void test_latched_sample(const void *data)
{
    const SensorOutput *c = data;
    QTestState *qts = qtest_initf("-M %s", c->machine);
    uint8_t b[2];

    twi_enable(qts, TWI0);
    qom_set_int(qts, "accel-z", c->before);
    twi_read_setting(qts, c->addr, c->reg, b, "accel-z", c->after);
    g_assert_cmphex(output_of(c, b), ==, c->out_before);
    twi_read(qts, c->addr, c->reg, b, 2);
    g_assert_cmphex(output_of(c, b), ==, c->out_after);
    qtest_quit(qts);
}

static void migration_wait(QTestState *qts, const char *want)
{
    const char *status;

    do {
        QDict *rsp = qtest_qmp_eventwait_ref(qts, "MIGRATION");

        status = qdict_get_str(qdict_get_qdict(rsp, "data"), "status");
        if (!strcmp(status, "completed") || !strcmp(status, "failed")) {
            g_assert_cmpstr(status, ==, want);
            qobject_unref(rsp);
            return;
        }
        qobject_unref(rsp);
    } while (true);
}

static void migration_events(QTestState *qts)
{
    qtest_qmp_assert_success(qts, "{ 'execute': 'migrate-set-capabilities',"
                             " 'arguments': { 'capabilities': [ { "
                             "'capability': 'events', 'state': true } ] } }");
}

/*
 * Whatever register address the guest writes, the sensors stay
 * migratable: here every sensor is left pointing past its registers,
 * and the machine migrates through a file into a new one
 */
typedef struct SensorSet {
    const char *name;
    const char *machine;
    uint8_t addr[2];
    uint8_t who_am_i_reg, who_am_i;  /* of the first */
} SensorSet;

static const SensorSet sensor_sets[] = {
    { "mma8653", "microbit", { ACCEL_ADDR, MAG_ADDR }, 0x0d, 0x5a },
    { "fxos8700", "microbit,sensors=fxos8700", { FXOS_ADDR }, 0x0d, 0xc7 },
    { "lsm303agr", "microbit,sensors=lsm303agr",
      { LSM_ACCEL_ADDR, LSM_MAG_ADDR }, 0x0f, 0x33 },
};

static void test_pointer_migration(const void *data)
{
    const SensorSet *set = data;
    g_autofree char *path = g_strdup_printf("%s/microbit-sensors-%d.mig",
                                            g_get_tmp_dir(), getpid());
    g_autofree char *uri = g_strdup_printf("file:%s", path);
    QTestState *from = qtest_initf("-M %s", set->machine);
    QTestState *to;
    uint8_t b;
    int i;

    twi_enable(from, TWI0);
    for (i = 0; i < ARRAY_SIZE(set->addr) && set->addr[i]; i++) {
        static const uint8_t past_the_end[] = { 0x7f };

        twi_write(from, set->addr[i], past_the_end, 1);
    }
    migration_events(from);
    qtest_qmp_assert_success(from, "{ 'execute': 'migrate', 'arguments': "
                             "{ 'uri': %s } }", uri);
    migration_wait(from, "completed");
    qtest_quit(from);

    to = qtest_initf("-M %s -incoming defer", set->machine);
    migration_events(to);
    qtest_qmp_assert_success(to, "{ 'execute': 'migrate-incoming', "
                             "'arguments': { 'uri': %s, "
                             "'exit-on-error': false } }", uri);
    migration_wait(to, "completed");
    unlink(path);

    /* And the sensors carry on */
    twi_read(to, set->addr[0], set->who_am_i_reg, &b, 1);
    g_assert_cmphex(b, ==, set->who_am_i);
    qtest_quit(to);
}

static void test_suspend_resume(void)
{
    QTestState *qts = qtest_init("-M microbit");

    twi_enable(qts, TWI0);
    qtest_writel(qts, TWI0 + ADDRESS, ACCEL_ADDR);
    qtest_writel(qts, TWI0 + TXD, 0x0d);
    qtest_writel(qts, TWI0 + TASKS_STARTTX, 1);
    twi_wait(qts, TWI0, EVENTS_TXDSENT);
    qtest_writel(qts, TWI0 + SHORTS, SHORT_BB_SUSPEND);
    qtest_writel(qts, TWI0 + TASKS_STARTRX, 1);
    twi_wait(qts, TWI0, EVENTS_SUSPENDED);
    g_assert_cmphex(qtest_readl(qts, TWI0 + RXD), ==, 0x5a);
    /* Suspended: nothing more happens until RESUME */
    qtest_clock_step(qts, 10 * BYTE_NS);
    g_assert_cmphex(qtest_readl(qts, TWI0 + EVENTS_BB), ==, 1);
    qtest_writel(qts, TWI0 + EVENTS_BB, 0);
    qtest_clock_step(qts, 10 * BYTE_NS);
    g_assert_cmphex(qtest_readl(qts, TWI0 + EVENTS_BB), ==, 0);
    qtest_writel(qts, TWI0 + SHORTS, SHORT_BB_STOP);
    qtest_writel(qts, TWI0 + TASKS_RESUME, 1);
    twi_wait(qts, TWI0, EVENTS_STOPPED);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    int i;

    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/twi/address-nack", test_address_nack);
    qtest_add_func("/microbit/nrf51/twi/who-am-i", test_who_am_i);
    qtest_add_func("/microbit/nrf51/twi/power-cycle", test_power_cycle);
    qtest_add_func("/microbit/nrf51/twi/suspend-resume",
                   test_suspend_resume);
    qtest_add_func("/microbit/board/accelerometer", test_accelerometer);
    qtest_add_func("/microbit/board/magnetometer", test_magnetometer);
    qtest_add_func("/microbit/board/fxos8700", test_fxos8700);
    qtest_add_func("/microbit/board/lsm303agr", test_lsm303agr);
    for (i = 0; i < ARRAY_SIZE(latch_cases); i++) {
        g_autofree char *path =
            g_strdup_printf("/microbit/board/latched-sample/%s",
                            latch_cases[i].name);

        qtest_add_data_func(path, &latch_cases[i], test_latched_sample);
    }
    for (i = 0; i < ARRAY_SIZE(sensor_sets); i++) {
        g_autofree char *path =
            g_strdup_printf("/microbit/board/pointer-migration/%s",
                            sensor_sets[i].name);

        qtest_add_data_func(path, &sensor_sets[i], test_pointer_migration);
    }

    return g_test_run();
}
