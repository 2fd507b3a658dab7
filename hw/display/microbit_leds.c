/*
 * BBC micro:bit front panel display: the 5x5 LED matrix
 *
 * The 25 LEDs are wired as 3 rows by 9 columns.  Firmware lights one
 * row at a time, driving its row line high and the column lines of the
 * LEDs to light low, and dims an LED by turning its column off early
 * in the row's time slot.  This device watches the 12 lines and gives
 * each LED the share of its row's on-time that it was lit, measured
 * over one cycle of the row (from one rising edge to the next), or,
 * when a row stops cycling, over the last quiet period.
 *
 * It draws the board on a graphic console: the LEDs at their
 * brightness, and, as GPIO lines from the board show them, the two
 * buttons held or not and edge connector pins 0-2 with their level.
 * The buttons themselves, and the input that presses them, are the
 * microbit-buttons device.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/module.h"
#include "qemu/timer.h"
#include "hw/display/microbit_leds.h"
#include "migration/vmstate.h"
#include "ui/console.h"
#include "trace.h"

/* A row that has not risen for this long is measured as it stands */
#define LEDS_QUIET_NS   (40 * SCALE_MS)

#define DUTY_FULL       65535

/*
 * Where each LED of the matrix sits on the 5x5 grid, as x + 5 * y,
 * by row and column; -1 where no LED is wired (micro:bit v1.3/v1.5).
 */
static const int8_t leds_grid_pos[MICROBIT_LED_ROWS][MICROBIT_LED_COLS] = {
    {  0,  2,  4, 19, 18, 17, 16, 15, 11 },
    { 14, 10, 12,  1,  3, 23, 21, -1, -1 },
    { 22, 24, 20,  5,  6,  7,  8,  9, 13 },
};

/*
 * MicroPython's brightness levels light an LED for 1/375, 2/375, 4/375,
 * 7.5/375, 14/375, 26.5/375, 51/375, 99.5/375 and all of its row's
 * time slot.  A duty cycle is read as the level it is nearest to on a
 * logarithmic scale; these are the boundaries, in 1/65535 of the slot.
 */
static const uint16_t leds_level_bound[9] = {
    175, 494, 988, 1914, 3581, 6733, 12849, 24898, 47740,
};

static unsigned leds_level(uint16_t duty)
{
    unsigned level = 0;

    while (level < ARRAY_SIZE(leds_level_bound) &&
           duty >= leds_level_bound[level]) {
        level++;
    }
    return level;
}

/* The brightness of the LED at grid position @pos, 0 to 65535 */
static uint16_t leds_duty_at(MicrobitLEDsState *s, int pos)
{
    unsigned r, c;

    for (r = 0; r < MICROBIT_LED_ROWS; r++) {
        for (c = 0; c < MICROBIT_LED_COLS; c++) {
            if (leds_grid_pos[r][c] == pos) {
                return s->duty[r][c];
            }
        }
    }
    return 0;
}

/* "09090:99999:99999:09990:00900", as MicroPython's Image() takes it */
static char *leds_display_string(MicrobitLEDsState *s)
{
    char *str = g_malloc(MICROBIT_LED_GRID * (MICROBIT_LED_GRID + 1));
    char *p = str;
    int x, y;

    for (y = 0; y < MICROBIT_LED_GRID; y++) {
        for (x = 0; x < MICROBIT_LED_GRID; x++) {
            *p++ = '0' + leds_level(leds_duty_at(s, x + y * MICROBIT_LED_GRID));
        }
        *p++ = y < MICROBIT_LED_GRID - 1 ? ':' : '\0';
    }
    return str;
}

/* Account for the time since the lines last changed */
static void leds_integrate(MicrobitLEDsState *s, int64_t now)
{
    int64_t dt = now - s->last_ns;
    unsigned r, c;

    s->last_ns = now;
    if (dt <= 0 || !s->rows) {
        return;
    }
    for (r = 0; r < MICROBIT_LED_ROWS; r++) {
        if (!(s->rows & BIT(r))) {
            continue;
        }
        s->high_ns[r] += dt;
        for (c = 0; c < MICROBIT_LED_COLS; c++) {
            if (!(s->cols & BIT(c))) {
                s->on_ns[r][c] += dt;
            }
        }
    }
}

/* Show what was measured, once every row has been */
static void leds_show(MicrobitLEDsState *s)
{
    bool changed = false;
    unsigned r, c;

    if (s->measured_rows != MAKE_64BIT_MASK(0, MICROBIT_LED_ROWS)) {
        return;
    }
    s->measured_rows = 0;
    for (r = 0; r < MICROBIT_LED_ROWS; r++) {
        for (c = 0; c < MICROBIT_LED_COLS; c++) {
            if (leds_grid_pos[r][c] >= 0 &&
                leds_level(s->measured[r][c]) != leds_level(s->duty[r][c])) {
                changed = true;
            }
        }
    }
    memcpy(s->duty, s->measured, sizeof(s->duty));

    if (changed) {
        g_autofree char *str = leds_display_string(s);

        trace_microbit_leds_display(str);
        s->dirty = true;
    }
}

/* End a measurement of row @r: the share of the row's time each LED was lit */
static void leds_finish_row(MicrobitLEDsState *s, unsigned r)
{
    unsigned c;

    for (c = 0; c < MICROBIT_LED_COLS; c++) {
        s->measured[r][c] = s->high_ns[r] ?
            muldiv64(s->on_ns[r][c], DUTY_FULL, s->high_ns[r]) : 0;
        s->on_ns[r][c] = 0;
    }
    s->high_ns[r] = 0;
    s->measured_rows |= BIT(r);
    leds_show(s);
}

/*
 * Wake when a row has gone a quiet period without rising.  While the
 * firmware scans every row the deadline keeps moving on, and the timer
 * never fires.
 */
static void leds_arm(MicrobitLEDsState *s)
{
    int64_t when = INT64_MAX;
    unsigned r;

    for (r = 0; r < MICROBIT_LED_ROWS; r++) {
        when = MIN(when, s->rose_ns[r]);
    }
    timer_mod(s->timer, when + LEDS_QUIET_NS);
}

static void leds_set_line(MicrobitLEDsState *s, uint32_t *lines, int n,
                          int level)
{
    uint32_t old = *lines;
    int64_t now;
    unsigned r;

    if (!!(old & BIT(n)) == !!level) {
        return;
    }
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    leds_integrate(s, now);
    *lines = deposit32(old, n, 1, !!level);
    s->active = true;
    if (lines == &s->rows && level) {
        /* A row rising starts its next cycle */
        leds_finish_row(s, n);
        s->rose_ns[n] = now;
        leds_arm(s);
    } else if (!timer_pending(s->timer)) {
        /* The first change after a still period: watch from now */
        for (r = 0; r < MICROBIT_LED_ROWS; r++) {
            s->rose_ns[r] = now;
        }
        leds_arm(s);
    }
}

static void leds_set_row(void *opaque, int n, int level)
{
    MicrobitLEDsState *s = opaque;

    leds_set_line(s, &s->rows, n, level);
}

static void leds_set_col(void *opaque, int n, int level)
{
    MicrobitLEDsState *s = opaque;

    leds_set_line(s, &s->cols, n, level);
}

static void leds_set_pin(void *opaque, int n, int level)
{
    MicrobitLEDsState *s = opaque;

    if (!!(s->pins & BIT(n)) != !!level) {
        s->pins = deposit32(s->pins, n, 1, !!level);
        s->dirty = true;
    }
}

static void leds_set_button(void *opaque, int n, int level)
{
    MicrobitLEDsState *s = opaque;

    /* A held button pulls its line low */
    if (s->button[n] != !level) {
        s->button[n] = !level;
        s->dirty = true;
    }
}

/*
 * Measure the rows that did not rise in the last quiet period as they
 * stand: lit steadily, or dark.  Keep watching while the lines move.
 */
static void leds_timer_cb(void *opaque)
{
    MicrobitLEDsState *s = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    unsigned r;

    leds_integrate(s, now);
    for (r = 0; r < MICROBIT_LED_ROWS; r++) {
        if (now - s->rose_ns[r] >= LEDS_QUIET_NS) {
            leds_finish_row(s, r);
            s->rose_ns[r] = now;
        }
    }
    if (s->active) {
        s->active = false;
        leds_arm(s);
    }
}

/* Drawing */

#define BOARD_W         MICROBIT_LEDS_WIDTH
#define BOARD_H         MICROBIT_LEDS_HEIGHT
#define LED_PITCH       32
#define LED_W           10
#define LED_H           18
#define LEDS_X0         (BOARD_W / 2 - 2 * LED_PITCH)
#define LEDS_Y0         40
#define BUTTON_SIZE     MICROBIT_LEDS_BUTTON_SIZE
#define BUTTON_Y        MICROBIT_LEDS_BUTTON_Y
#define BUTTON_A_X      MICROBIT_LEDS_BUTTON_A_X
#define BUTTON_B_X      MICROBIT_LEDS_BUTTON_B_X

/* The buttons sit level with the middle row of LEDs */
QEMU_BUILD_BUG_ON(BUTTON_Y != LEDS_Y0 + 2 * LED_PITCH - BUTTON_SIZE / 2);
#define PAD_W           48
#define PAD_H           36
#define PAD_Y           (BOARD_H - PAD_H - 8)
#define GLYPH_SCALE     2

#define RGB(r, g, b)    (((r) << 16) | ((g) << 8) | (b))
#define COLOUR_BOARD    RGB(0x20, 0x24, 0x28)
#define COLOUR_LED_OFF  RGB(0x40, 0x10, 0x10)
#define COLOUR_BUTTON   RGB(0x50, 0x50, 0x50)
#define COLOUR_HELD     RGB(0xe0, 0xe0, 0xe0)
#define COLOUR_CAP      RGB(0x10, 0x10, 0x10)
#define COLOUR_PAD      RGB(0xa0, 0x80, 0x30)
#define COLOUR_PAD_HIGH RGB(0xff, 0xd8, 0x40)
#define COLOUR_LABEL    RGB(0xe8, 0xe8, 0xe8)

/* 5x5 glyphs for the labels, one byte a row, bit 4 leftmost */
static const struct {
    char c;
    uint8_t rows[5];
} leds_glyphs[] = {
    { 'A', { 0x0e, 0x11, 0x1f, 0x11, 0x11 } },
    { 'B', { 0x1e, 0x11, 0x1e, 0x11, 0x1e } },
    { 'D', { 0x1e, 0x11, 0x11, 0x11, 0x1e } },
    { 'G', { 0x0f, 0x10, 0x13, 0x11, 0x0f } },
    { 'N', { 0x11, 0x19, 0x15, 0x13, 0x11 } },
    { 'V', { 0x11, 0x11, 0x11, 0x0a, 0x04 } },
    { '0', { 0x0e, 0x13, 0x15, 0x19, 0x0e } },
    { '1', { 0x04, 0x0c, 0x04, 0x04, 0x0e } },
    { '2', { 0x1e, 0x01, 0x0e, 0x10, 0x1f } },
    { '3', { 0x1e, 0x01, 0x06, 0x01, 0x1e } },
};

static void draw_rect(DisplaySurface *surface, int x, int y, int w, int h,
                      uint32_t colour)
{
    uint32_t *data = surface_data(surface);
    int stride = surface_stride(surface) / 4;
    int i, j;

    for (j = MAX(y, 0); j < MIN(y + h, surface_height(surface)); j++) {
        for (i = MAX(x, 0); i < MIN(x + w, surface_width(surface)); i++) {
            data[j * stride + i] = colour;
        }
    }
}

static void draw_text(DisplaySurface *surface, int x, int y, const char *text,
                      uint32_t colour)
{
    unsigned g, row, bit;

    for (; *text; text++, x += 6 * GLYPH_SCALE) {
        for (g = 0; g < ARRAY_SIZE(leds_glyphs); g++) {
            if (leds_glyphs[g].c != *text) {
                continue;
            }
            for (row = 0; row < 5; row++) {
                for (bit = 0; bit < 5; bit++) {
                    if (leds_glyphs[g].rows[row] & (0x10 >> bit)) {
                        draw_rect(surface, x + bit * GLYPH_SCALE,
                                  y + row * GLYPH_SCALE, GLYPH_SCALE,
                                  GLYPH_SCALE, colour);
                    }
                }
            }
        }
    }
}

static uint32_t led_colour(uint16_t duty)
{
    /* From the dark red of an unlit LED to full red, as the eye sees it */
    unsigned level = leds_level(duty);
    unsigned red = 0x40 + level * (0xff - 0x40) / 9;
    unsigned glow = level == 9 ? 0x30 : 0;

    return level ? RGB(red, glow, glow) : COLOUR_LED_OFF;
}

static void draw_button(DisplaySurface *surface, int x, bool held,
                        const char *label)
{
    int inset = held ? 10 : 8;

    draw_rect(surface, x, BUTTON_Y, BUTTON_SIZE, BUTTON_SIZE, COLOUR_BUTTON);
    draw_rect(surface, x + inset, BUTTON_Y + inset, BUTTON_SIZE - 2 * inset,
              BUTTON_SIZE - 2 * inset, held ? COLOUR_HELD : COLOUR_CAP);
    draw_text(surface, x + BUTTON_SIZE / 2 - 5, BUTTON_Y - 16, label,
              COLOUR_LABEL);
}

static void leds_draw(MicrobitLEDsState *s)
{
    DisplaySurface *surface = qemu_console_surface(s->con);
    static const char *const pad_labels[] = { "0", "1", "2", "3V", "GND" };
    int x, y, i;

    if (!surface || surface_bits_per_pixel(surface) != 32) {
        return;
    }
    draw_rect(surface, 0, 0, BOARD_W, BOARD_H, COLOUR_BOARD);
    for (y = 0; y < MICROBIT_LED_GRID; y++) {
        for (x = 0; x < MICROBIT_LED_GRID; x++) {
            uint16_t duty = leds_duty_at(s, x + y * MICROBIT_LED_GRID);

            draw_rect(surface, LEDS_X0 + x * LED_PITCH - LED_W / 2,
                      LEDS_Y0 + y * LED_PITCH - LED_H / 2, LED_W, LED_H,
                      led_colour(duty));
        }
    }
    draw_button(surface, BUTTON_A_X, s->button[0], "A");
    draw_button(surface, BUTTON_B_X, s->button[1], "B");

    for (i = 0; i < ARRAY_SIZE(pad_labels); i++) {
        int px = 8 + i * (BOARD_W - 16 - PAD_W) / 4;
        bool high = i < MICROBIT_EDGE_PINS ? s->pins & BIT(i) : i == 3;

        draw_rect(surface, px, PAD_Y, PAD_W, PAD_H,
                  high ? COLOUR_PAD_HIGH : COLOUR_PAD);
        draw_text(surface, px + 4, PAD_Y - 14, pad_labels[i], COLOUR_LABEL);
    }
}

static void leds_invalidate(void *opaque)
{
    MICROBIT_LEDS(opaque)->dirty = true;
}

static void leds_gfx_update(void *opaque)
{
    MicrobitLEDsState *s = opaque;

    if (!s->dirty) {
        return;
    }
    s->dirty = false;
    leds_draw(s);
    dpy_gfx_update_full(s->con);
}

static const GraphicHwOps leds_gfx_ops = {
    .invalidate = leds_invalidate,
    .gfx_update = leds_gfx_update,
};

/* QOM properties */

static char *leds_get_display(Object *obj, Error **errp)
{
    return leds_display_string(MICROBIT_LEDS(obj));
}

static void microbit_leds_reset_hold(Object *obj, ResetType type)
{
    MicrobitLEDsState *s = MICROBIT_LEDS(obj);
    unsigned r;

    /* The lines keep their levels; the measurement starts again */
    timer_del(s->timer);
    s->last_ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    memset(s->high_ns, 0, sizeof(s->high_ns));
    memset(s->on_ns, 0, sizeof(s->on_ns));
    memset(s->duty, 0, sizeof(s->duty));
    memset(s->measured, 0, sizeof(s->measured));
    s->measured_rows = 0;
    for (r = 0; r < MICROBIT_LED_ROWS; r++) {
        s->rose_ns[r] = s->last_ns;
    }
    s->active = false;
    s->dirty = true;
    if (s->rows) {
        timer_mod(s->timer, s->last_ns + LEDS_QUIET_NS);
    }
}

static void microbit_leds_realize(DeviceState *dev, Error **errp)
{
    MicrobitLEDsState *s = MICROBIT_LEDS(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, leds_timer_cb, s);
    s->con = graphic_console_init(dev, 0, &leds_gfx_ops, s);
    qemu_console_resize(s->con, BOARD_W, BOARD_H);
}

static void microbit_leds_init(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    qdev_init_gpio_in_named(dev, leds_set_row, MICROBIT_LEDS_ROW,
                            MICROBIT_LED_ROWS);
    qdev_init_gpio_in_named(dev, leds_set_col, MICROBIT_LEDS_COL,
                            MICROBIT_LED_COLS);
    qdev_init_gpio_in_named(dev, leds_set_pin, MICROBIT_LEDS_PIN,
                            MICROBIT_EDGE_PINS);
    qdev_init_gpio_in_named(dev, leds_set_button, MICROBIT_LEDS_BUTTON,
                            MICROBIT_LEDS_BUTTONS);

    object_property_add_str(obj, "display", leds_get_display, NULL);
    object_property_set_description(obj, "display",
        "the LEDs' brightness 0-9, five rows of five joined by ':'");
}

static int microbit_leds_post_load(void *opaque, int version_id)
{
    MicrobitLEDsState *s = opaque;

    if (s->measured_rows >= BIT(MICROBIT_LED_ROWS)) {
        return -EINVAL;
    }
    s->dirty = true;
    return 0;
}

static const VMStateDescription vmstate_microbit_leds = {
    .name = TYPE_MICROBIT_LEDS,
    .version_id = 2,
    .minimum_version_id = 2,
    .post_load = microbit_leds_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_TIMER_PTR(timer, MicrobitLEDsState),
        VMSTATE_UINT32(rows, MicrobitLEDsState),
        VMSTATE_UINT32(cols, MicrobitLEDsState),
        VMSTATE_UINT32(pins, MicrobitLEDsState),
        VMSTATE_INT64(last_ns, MicrobitLEDsState),
        VMSTATE_UINT64_ARRAY(high_ns, MicrobitLEDsState, MICROBIT_LED_ROWS),
        VMSTATE_UINT64_2DARRAY(on_ns, MicrobitLEDsState, MICROBIT_LED_ROWS,
                              MICROBIT_LED_COLS),
        VMSTATE_INT64_ARRAY(rose_ns, MicrobitLEDsState, MICROBIT_LED_ROWS),
        VMSTATE_BOOL(active, MicrobitLEDsState),
        VMSTATE_UINT16_2DARRAY(measured, MicrobitLEDsState,
                               MICROBIT_LED_ROWS, MICROBIT_LED_COLS),
        VMSTATE_UINT32(measured_rows, MicrobitLEDsState),
        VMSTATE_UINT16_2DARRAY(duty, MicrobitLEDsState, MICROBIT_LED_ROWS,
                               MICROBIT_LED_COLS),
        VMSTATE_BOOL_ARRAY(button, MicrobitLEDsState, MICROBIT_LEDS_BUTTONS),
        VMSTATE_END_OF_LIST()
    }
};

static void microbit_leds_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "BBC micro:bit LED matrix";
    dc->realize = microbit_leds_realize;
    dc->vmsd = &vmstate_microbit_leds;
    /* Part of the micro:bit board, created by the machine */
    dc->user_creatable = false;
    set_bit(DEVICE_CATEGORY_DISPLAY, dc->categories);
    rc->phases.hold = microbit_leds_reset_hold;
}

static const TypeInfo microbit_leds_info = {
    .name = TYPE_MICROBIT_LEDS,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(MicrobitLEDsState),
    .instance_init = microbit_leds_init,
    .class_init = microbit_leds_class_init,
};

static void microbit_leds_register_types(void)
{
    type_register_static(&microbit_leds_info);
}

type_init(microbit_leds_register_types)
