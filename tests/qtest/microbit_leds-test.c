/*
 * QTest for the micro:bit LED matrix, driven through the nRF51's GPIO
 * as firmware drives them (the buttons have microbit_buttons-test)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qobject/qdict.h"

#define GPIO                0x50000000
#define OUTSET              0x508
#define OUTCLR              0x50c
#define DIRSET              0x518

#define ROW(r)              (1u << (13 + (r)))
#define COL(c)              (1u << (4 + (c)))
#define ROWS                (ROW(0) | ROW(1) | ROW(2))
#define COLS                (0x1ffu << 4)

#define SLOT_US             6000
#define QUIET_NS            (100 * 1000 * 1000)

static char *display(QTestState *qts)
{
    QDict *rsp = qtest_qmp(qts, "{ 'execute': 'qom-get', 'arguments': "
                           "{ 'path': '/machine', 'property': 'display' } }");
    char *str;

    g_assert(qdict_haskey(rsp, "return"));
    str = g_strdup(qdict_get_str(rsp, "return"));
    qobject_unref(rsp);
    return str;
}

static void assert_display(QTestState *qts, const char *want)
{
    g_autofree char *got = display(qts);

    g_assert_cmpstr(got, ==, want);
}

static QTestState *start(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Rows low, columns high: all dark */
    qtest_writel(qts, GPIO + OUTCLR, ROWS);
    qtest_writel(qts, GPIO + OUTSET, COLS);
    qtest_writel(qts, GPIO + DIRSET, ROWS | COLS);
    return qts;
}

static void test_dark(void)
{
    QTestState *qts = start();

    qtest_clock_step(qts, QUIET_NS);
    assert_display(qts, "00000:00000:00000:00000:00000");
    qtest_quit(qts);
}

/* A row held high with some columns held low lights steadily */
static void test_static(void)
{
    QTestState *qts = start();

    /* Row 1: column 1 is LED (0, 0), column 3 is (4, 0) */
    qtest_writel(qts, GPIO + OUTCLR, COL(0) | COL(2));
    qtest_writel(qts, GPIO + OUTSET, ROW(0));
    qtest_clock_step(qts, QUIET_NS);
    assert_display(qts, "90009:00000:00000:00000:00000");

    /* The display turned off goes dark */
    qtest_writel(qts, GPIO + OUTCLR, ROW(0));
    qtest_clock_step(qts, QUIET_NS);
    assert_display(qts, "00000:00000:00000:00000:00000");
    qtest_quit(qts);
}

/*
 * Scan the rows as firmware does, one 6 ms slot each, lighting the
 * columns in @on_us[row][col] microseconds from the start of the slot.
 */
static void scan_rows(QTestState *qts, const uint32_t on_us[3][9],
                      int frames, uint32_t rows)
{
    int f, r, c;

    for (f = 0; f < frames; f++) {
        for (r = 0; r < 3; r++) {
            uint32_t t = 0;

            if (!(rows & ROW(r))) {
                continue;
            }

            qtest_writel(qts, GPIO + OUTCLR, ROWS);
            qtest_writel(qts, GPIO + OUTSET, COLS);
            for (c = 0; c < 9; c++) {
                if (on_us[r][c]) {
                    qtest_writel(qts, GPIO + OUTCLR, COL(c));
                }
            }
            qtest_writel(qts, GPIO + OUTSET, ROW(r));
            /* Columns turn off in order of their on-time */
            while (t < SLOT_US) {
                uint32_t next = SLOT_US;

                for (c = 0; c < 9; c++) {
                    if (on_us[r][c] > t && on_us[r][c] < next) {
                        next = on_us[r][c];
                    }
                }
                qtest_clock_step(qts, (next - t) * 1000ull);
                t = next;
                for (c = 0; c < 9; c++) {
                    if (on_us[r][c] == t) {
                        qtest_writel(qts, GPIO + OUTSET, COL(c));
                    }
                }
            }
        }
    }
}

static void scan(QTestState *qts, const uint32_t on_us[3][9], int frames)
{
    scan_rows(qts, on_us, frames, ROWS);
}

/*
 * A row that stops being scanned while the others go on is measured as
 * it stands: dark
 */
static void test_partial_scan(void)
{
    static const uint32_t corner[3][9] = { { 6000 } };
    QTestState *qts = start();
    g_autofree char *lit = NULL;

    /* Matrix row 3, column 1 lit steadily */
    qtest_writel(qts, GPIO + OUTCLR, COL(0));
    qtest_writel(qts, GPIO + OUTSET, ROW(2));
    qtest_clock_step(qts, QUIET_NS);
    lit = display(qts);
    g_assert_cmpstr(lit, !=, "00000:00000:00000:00000:00000");
    g_assert_cmpint(lit[0], ==, '0');

    /* Then only rows 1 and 2 are scanned, lighting LED (0, 0) */
    scan_rows(qts, corner, 20, ROW(0) | ROW(1));
    assert_display(qts, "90000:00000:00000:00000:00000");
    qtest_quit(qts);
}

static void test_heart(void)
{
    /*
     * Image.HEART, "09090:99999:99999:09990:00900", by matrix row and
     * column (v1.3 wiring).
     */
    static const uint32_t heart[3][9] = {
        { 0, 0, 0, 0, 6000, 6000, 6000, 0, 6000 },
        { 6000, 6000, 6000, 6000, 6000, 0, 0, 0, 0 },
        { 6000, 0, 0, 6000, 6000, 6000, 6000, 6000, 6000 },
    };
    QTestState *qts = start();

    scan(qts, heart, 5);
    assert_display(qts, "09090:99999:99999:09990:00900");
    qtest_quit(qts);
}

/*
 * Brightness is the share of the row's slot an LED is lit: MicroPython's
 * on-times for levels 1-8 read back as those levels, and the DAL's
 * linear 0-255 scale maps to the nearest of them.
 */
static void test_grey_levels(void)
{
    /* Levels 1-8 and 9 along matrix row 3: (2,4) (4,4) (0,4) (0,1)... */
    static const uint32_t levels[3][9] = {
        { 0 },
        { 0 },
        { 8, 32, 64, 128, 240, 448, 848, 1632, 3184 },
    };
    static const uint32_t dal[3][9] = {
        { 6000 * 128 / 255 },
        { 0 },
        { 0 },
    };
    QTestState *qts = start();

    /* Grid: (2,4)=0 (8 us is below level 1), (4,4)=1, (0,4)=2, ... */
    scan(qts, levels, 4);
    assert_display(qts, "00000:34567:00080:00000:20001");

    /* Half brightness on the DAL's scale is MicroPython's level 8 */
    scan(qts, dal, 4);
    assert_display(qts, "80000:00000:00000:00000:00000");
    qtest_quit(qts);
}

static void test_screendump(void)
{
    QTestState *qts = start();
    g_autofree char *path = NULL;
    int fd = g_file_open_tmp("microbit-leds-XXXXXX.ppm", &path, NULL);
    g_autofree char *data = NULL;
    gsize len;

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    qtest_writel(qts, GPIO + OUTCLR, COL(0));
    qtest_writel(qts, GPIO + OUTSET, ROW(0));
    qtest_clock_step(qts, QUIET_NS);
    qtest_qmp_assert_success(qts, "{ 'execute': 'screendump', "
                             "'arguments': { 'filename': %s } }", path);
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    /* A 320x240 picture of the board */
    g_assert_true(g_str_has_prefix(data, "P6\n320 240\n255\n"));
    unlink(path);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/leds/dark", test_dark);
    qtest_add_func("/microbit/leds/static", test_static);
    qtest_add_func("/microbit/leds/partial_scan", test_partial_scan);
    qtest_add_func("/microbit/leds/heart", test_heart);
    qtest_add_func("/microbit/leds/grey_levels", test_grey_levels);
    qtest_add_func("/microbit/leds/screendump", test_screendump);

    return g_test_run();
}
