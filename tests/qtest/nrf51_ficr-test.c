/*
 * QTest for the nRF51 FICR of the micro:bit machine
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qobject/qdict.h"
#include "qobject/qnum.h"

#define FICR_BASE           0x10000000
#define CODEPAGESIZE        0x010
#define CODESIZE            0x014
#define CLENR0              0x028
#define NUMRAMBLOCK         0x034
#define SIZERAMBLOCK0       0x038
#define SIZERAMBLOCK1       0x03c
#define SIZERAMBLOCK2       0x040
#define CONFIGID            0x05c
#define DEVICEID0           0x060
#define DEVICEID1           0x064
#define ER0                 0x080
#define IR0                 0x090
#define DEVICEADDRTYPE      0x0a0
#define DEVICEADDR0         0x0a4
#define DEVICEADDR1         0x0a8

static uint32_t ficr(QTestState *qts, uint32_t offset)
{
    return qtest_readl(qts, FICR_BASE + offset);
}

static uint64_t ficr_deviceid(QTestState *qts)
{
    return (uint64_t)ficr(qts, DEVICEID1) << 32 | ficr(qts, DEVICEID0);
}

static uint64_t machine_device_id(QTestState *qts)
{
    QDict *rsp = qtest_qmp(qts, "{ 'execute': 'qom-get', 'arguments': "
                           "{ 'path': '/machine', 'property': 'device-id' } }");
    uint64_t id = qnum_get_uint(qobject_to(QNum, qdict_get(rsp, "return")));

    qobject_unref(rsp);
    return id;
}

static void test_geometry(void)
{
    QTestState *qts = qtest_init("-M microbit");

    g_assert_cmpuint(ficr(qts, CODEPAGESIZE), ==, 1024);
    g_assert_cmpuint(ficr(qts, CODESIZE), ==, 256);
    g_assert_cmpuint(ficr(qts, NUMRAMBLOCK), ==, 2);
    g_assert_cmphex(ficr(qts, SIZERAMBLOCK0), ==, 8192);
    g_assert_cmphex(ficr(qts, SIZERAMBLOCK1), ==, 8192);
    g_assert_cmphex(ficr(qts, SIZERAMBLOCK2), ==, 0xffffffff);
    g_assert_cmphex(ficr(qts, CLENR0), ==, 0xffffffff);
    g_assert_cmphex(ficr(qts, CONFIGID) & 0xffff, ==, 0x0072);
    g_assert_cmphex(ficr(qts, DEVICEADDRTYPE), ==, 1);

    /* FICR is read-only */
    qtest_writel(qts, FICR_BASE + CODESIZE, 0);
    g_assert_cmpuint(ficr(qts, CODESIZE), ==, 256);

    qtest_quit(qts);
}

static void test_fixed_identity(void)
{
    QTestState *a = qtest_init("-M microbit,device-id=0x0123456789abcdef");
    QTestState *b = qtest_init("-M microbit,device-id=0x0123456789abcdef");
    int i;

    g_assert_cmphex(ficr_deviceid(a), ==, 0x0123456789abcdefULL);
    /* The same ID gives the same address and keys */
    for (i = 0; i < 4; i++) {
        g_assert_cmphex(ficr(a, ER0 + 4 * i), ==, ficr(b, ER0 + 4 * i));
        g_assert_cmphex(ficr(a, IR0 + 4 * i), ==, ficr(b, IR0 + 4 * i));
    }
    g_assert_cmphex(ficr(a, DEVICEADDR0), ==, ficr(b, DEVICEADDR0));
    /* A random static address has its two top bits set */
    g_assert_cmphex(ficr(a, DEVICEADDR1) & 0xc000, ==, 0xc000);
    g_assert_cmphex(ficr(a, DEVICEADDR1) & 0xffff0000, ==, 0);

    g_assert_cmphex(machine_device_id(a), ==, 0x0123456789abcdefULL);

    qtest_quit(a);
    qtest_quit(b);
}

static void test_unique_identity(void)
{
    QTestState *a = qtest_init("-M microbit");
    QTestState *b = qtest_init("-M microbit");

    /* Two boards are two chips */
    g_assert_cmphex(ficr_deviceid(a), !=, ficr_deviceid(b));
    g_assert_cmphex(ficr(a, DEVICEADDR0), !=, ficr(b, DEVICEADDR0));

    /* The machine property reports the identity drawn */
    g_assert_cmphex(machine_device_id(a), ==, ficr_deviceid(a));

    /* and it survives a reset */
    qtest_system_reset(a);
    g_assert_cmphex(ficr_deviceid(a), !=, ficr_deviceid(b));

    qtest_quit(a);
    qtest_quit(b);
}

static void test_seeded_identity(void)
{
    QTestState *a = qtest_init("-M microbit -seed 42");
    QTestState *b = qtest_init("-M microbit -seed 42");

    /* -seed makes a run reproducible */
    g_assert_cmphex(ficr_deviceid(a), ==, ficr_deviceid(b));

    qtest_quit(a);
    qtest_quit(b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/ficr/geometry", test_geometry);
    qtest_add_func("/microbit/nrf51/ficr/fixed-identity",
                   test_fixed_identity);
    qtest_add_func("/microbit/nrf51/ficr/unique-identity",
                   test_unique_identity);
    qtest_add_func("/microbit/nrf51/ficr/seeded-identity",
                   test_seeded_identity);

    return g_test_run();
}
