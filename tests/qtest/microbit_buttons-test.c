/*
 * QTest for the micro:bit buttons A and B: the properties, keys and
 * mouse that press them, and the lines they drive to the nRF51 and to
 * the display
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qobject/qdict.h"

#define GPIO                0x50000000
#define IN                  0x510
#define PIN_CNF(n)          (0x700 + 4 * (n))
#define PIN_BUTTON_A        17
#define PIN_BUTTON_B        26
#define BUTTONS             ((1u << PIN_BUTTON_A) | (1u << PIN_BUTTON_B))

/* The display's picture, and the middle of the buttons drawn in it */
#define PICTURE_W           320
#define PICTURE_H           240
#define BUTTON_A_X          34
#define BUTTON_B_X          286
#define BUTTON_Y            104
#define HELD_RGB            0xe0e0e0
#define CAP_RGB             0x101010

static QTestState *start(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Buttons as inputs, without pulls of the chip's own */
    qtest_writel(qts, GPIO + PIN_CNF(PIN_BUTTON_A), 0);
    qtest_writel(qts, GPIO + PIN_CNF(PIN_BUTTON_B), 0);
    return qts;
}

static uint32_t pins(QTestState *qts)
{
    return qtest_readl(qts, GPIO + IN) & BUTTONS;
}

static void set(QTestState *qts, const char *path, const char *prop,
                bool value)
{
    qtest_qmp_assert_success(qts, "{ 'execute': 'qom-set', 'arguments': "
                             "{ 'path': %s, 'property': %s, 'value': %i } }",
                             path, prop, value);
}

static bool get(QTestState *qts, const char *path, const char *prop)
{
    QDict *rsp = qtest_qmp(qts, "{ 'execute': 'qom-get', 'arguments': "
                           "{ 'path': %s, 'property': %s } }", path, prop);
    bool value;

    g_assert(qdict_haskey(rsp, "return"));
    value = qdict_get_bool(rsp, "return");
    qobject_unref(rsp);
    return value;
}

static void send_key(QTestState *qts, const char *key, bool down)
{
    qtest_qmp_assert_success(qts, "{ 'execute': 'input-send-event', "
        "'arguments': { 'events': [ { 'type': 'key', 'data': { "
        "'down': %i, 'key': { 'type': 'qcode', 'data': %s } } } ] } }",
        down, key);
}

static void send_click(QTestState *qts, int x, int y, bool down)
{
    qtest_qmp_assert_success(qts, "{ 'execute': 'input-send-event', "
        "'arguments': { 'events': [ "
        "{ 'type': 'abs', 'data': { 'axis': 'x', 'value': %d } }, "
        "{ 'type': 'abs', 'data': { 'axis': 'y', 'value': %d } }, "
        "{ 'type': 'btn', 'data': { 'down': %i, 'button': 'left' } } ] } }",
        x * 0x7fff / PICTURE_W, y * 0x7fff / PICTURE_H, down);
}

/* The colour of the display's pixel at (@x, @y) */
static uint32_t pixel(QTestState *qts, int x, int y)
{
    static const char header[] = "P6\n320 240\n255\n";
    g_autofree char *path = NULL;
    g_autofree char *data = NULL;
    const uint8_t *p;
    gsize len;
    int fd = g_file_open_tmp("microbit-buttons-XXXXXX.ppm", &path, NULL);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    qtest_qmp_assert_success(qts, "{ 'execute': 'screendump', "
                             "'arguments': { 'filename': %s } }", path);
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    unlink(path);
    g_assert_true(g_str_has_prefix(data, header));
    g_assert_cmpuint(len, ==, strlen(header) + PICTURE_W * PICTURE_H * 3);
    p = (const uint8_t *)data + strlen(header) + (y * PICTURE_W + x) * 3;
    return p[0] << 16 | p[1] << 8 | p[2];
}

/* The properties press the buttons, on every path that has them */
static void test_properties(void)
{
    QTestState *qts = start();

    /* Let go, both lines are high */
    g_assert_cmphex(pins(qts), ==, BUTTONS);
    g_assert_false(get(qts, "/machine/buttons", "button-a"));

    set(qts, "/machine/buttons", "button-a", true);
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_B);
    g_assert_true(get(qts, "/machine", "button-a"));
    g_assert_true(get(qts, "/machine/leds", "button-a"));

    set(qts, "/machine", "button-b", true);
    g_assert_cmphex(pins(qts), ==, 0);
    g_assert_true(get(qts, "/machine/buttons", "button-b"));

    set(qts, "/machine/leds", "button-a", false);
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_A);
    g_assert_false(get(qts, "/machine/buttons", "button-a"));
    set(qts, "/machine/buttons", "button-b", false);
    g_assert_cmphex(pins(qts), ==, BUTTONS);
    qtest_quit(qts);
}

/* The device's own output lines: low while held */
static void test_lines(void)
{
    QTestState *qts = start();

    qtest_irq_intercept_out_named(qts, "/machine/buttons", "button");
    /* Intercepted lines start out as low: move them once */
    set(qts, "/machine", "button-a", true);
    set(qts, "/machine", "button-a", false);
    set(qts, "/machine", "button-b", true);
    set(qts, "/machine", "button-b", false);
    g_assert_true(qtest_get_irq(qts, 0));
    g_assert_true(qtest_get_irq(qts, 1));

    send_key(qts, "b", true);
    g_assert_true(qtest_get_irq(qts, 0));
    g_assert_false(qtest_get_irq(qts, 1));
    /* The lines still reach the chip */
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_A);
    send_key(qts, "b", false);
    g_assert_true(qtest_get_irq(qts, 1));
    qtest_quit(qts);
}

/* Keys A and B, and the mouse on the drawn buttons, press them */
static void test_input(void)
{
    QTestState *qts = start();

    send_key(qts, "a", true);
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_B);
    g_assert_true(get(qts, "/machine/buttons", "button-a"));
    send_key(qts, "b", true);
    g_assert_cmphex(pins(qts), ==, 0);
    send_key(qts, "a", false);
    send_key(qts, "b", false);
    g_assert_cmphex(pins(qts), ==, BUTTONS);
    /* Other keys press nothing */
    send_key(qts, "c", true);
    g_assert_cmphex(pins(qts), ==, BUTTONS);
    send_key(qts, "c", false);

    send_click(qts, BUTTON_B_X, BUTTON_Y, true);
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_A);
    /* Letting go of the mouse lets go of what it pressed, wherever */
    send_click(qts, 0, 0, false);
    g_assert_cmphex(pins(qts), ==, BUTTONS);

    /* ... and only that */
    set(qts, "/machine", "button-a", true);
    send_click(qts, BUTTON_B_X, BUTTON_Y, true);
    send_click(qts, BUTTON_B_X, BUTTON_Y, false);
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_B);

    set(qts, "/machine", "button-a", false);
    send_click(qts, BUTTON_A_X, BUTTON_Y, true);
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_B);
    send_click(qts, BUTTON_A_X, BUTTON_Y, false);
    g_assert_cmphex(pins(qts), ==, BUTTONS);

    /* Just outside a drawn button, and between them */
    send_click(qts, BUTTON_A_X, BUTTON_Y + 20, true);
    g_assert_cmphex(pins(qts), ==, BUTTONS);
    send_click(qts, BUTTON_A_X, BUTTON_Y + 20, false);
    send_click(qts, PICTURE_W / 2, BUTTON_Y, true);
    g_assert_cmphex(pins(qts), ==, BUTTONS);
    send_click(qts, PICTURE_W / 2, BUTTON_Y, false);
    qtest_quit(qts);
}

/* The display draws a held button's cap lit */
static void test_drawn(void)
{
    QTestState *qts = start();

    g_assert_cmphex(pixel(qts, BUTTON_A_X, BUTTON_Y), ==, CAP_RGB);
    g_assert_cmphex(pixel(qts, BUTTON_B_X, BUTTON_Y), ==, CAP_RGB);
    set(qts, "/machine", "button-a", true);
    g_assert_cmphex(pixel(qts, BUTTON_A_X, BUTTON_Y), ==, HELD_RGB);
    g_assert_cmphex(pixel(qts, BUTTON_B_X, BUTTON_Y), ==, CAP_RGB);
    send_key(qts, "b", true);
    set(qts, "/machine", "button-a", false);
    g_assert_cmphex(pixel(qts, BUTTON_A_X, BUTTON_Y), ==, CAP_RGB);
    g_assert_cmphex(pixel(qts, BUTTON_B_X, BUTTON_Y), ==, HELD_RGB);
    qtest_quit(qts);
}

/* A held button stays held across a reset of the board */
static void test_reset(void)
{
    QTestState *qts = start();

    set(qts, "/machine", "button-b", true);
    qtest_qmp_assert_success(qts, "{ 'execute': 'system_reset' }");
    qtest_writel(qts, GPIO + PIN_CNF(PIN_BUTTON_A), 0);
    qtest_writel(qts, GPIO + PIN_CNF(PIN_BUTTON_B), 0);
    g_assert_cmphex(pins(qts), ==, 1u << PIN_BUTTON_A);
    g_assert_true(get(qts, "/machine", "button-b"));
    g_assert_cmphex(pixel(qts, BUTTON_B_X, BUTTON_Y), ==, HELD_RGB);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/buttons/properties", test_properties);
    qtest_add_func("/microbit/buttons/lines", test_lines);
    qtest_add_func("/microbit/buttons/input", test_input);
    qtest_add_func("/microbit/buttons/drawn", test_drawn);
    qtest_add_func("/microbit/buttons/reset", test_reset);

    return g_test_run();
}
