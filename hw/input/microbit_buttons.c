/*
 * BBC micro:bit buttons A and B
 *
 * Each button connects its GPIO pin (P0.17 for A, P0.26 for B) to
 * ground, against a 10 kohm pull-up on the board, so that its line is
 * low while the button is held (micro:bit v1.3 schematic).  This
 * device drives the two lines; the board takes them to the nRF51, and
 * to the display, which draws the buttons held or not.
 *
 * A button is pressed and let go by its property (button-a, button-b),
 * by key A or B, or by the left mouse button on the button as the
 * display draws it (include/hw/display/microbit_leds.h gives where).
 * Whichever acted last decides, except that letting go of the mouse
 * only lets go of the button the mouse pressed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/module.h"
#include "hw/irq.h"
#include "hw/display/microbit_leds.h"
#include "hw/input/microbit_buttons.h"
#include "migration/vmstate.h"
#include "ui/input.h"
#include "trace.h"

static void buttons_set(MicrobitButtonsState *s, unsigned n, bool held)
{
    if (s->held[n] == held) {
        return;
    }
    s->held[n] = held;
    trace_microbit_buttons_held(n ? 'B' : 'A', held);
    qemu_set_irq(s->out[n], !held);
}

/* Which button the display draws at (@x, @y), or -1 */
static int buttons_at(int x, int y)
{
    static const int left[MICROBIT_NUM_BUTTONS] = {
        MICROBIT_LEDS_BUTTON_A_X, MICROBIT_LEDS_BUTTON_B_X,
    };
    int n;

    if (y < MICROBIT_LEDS_BUTTON_Y ||
        y >= MICROBIT_LEDS_BUTTON_Y + MICROBIT_LEDS_BUTTON_SIZE) {
        return -1;
    }
    for (n = 0; n < MICROBIT_NUM_BUTTONS; n++) {
        if (x >= left[n] && x < left[n] + MICROBIT_LEDS_BUTTON_SIZE) {
            return n;
        }
    }
    return -1;
}

static void buttons_key(MicrobitButtonsState *s, InputKeyEvent *key)
{
    switch (qemu_input_key_value_to_qcode(key->key)) {
    case Q_KEY_CODE_A:
        buttons_set(s, 0, key->down);
        break;
    case Q_KEY_CODE_B:
        buttons_set(s, 1, key->down);
        break;
    default:
        break;
    }
}

static void buttons_mouse(MicrobitButtonsState *s, InputBtnEvent *btn)
{
    int n;

    if (btn->button != INPUT_BUTTON_LEFT) {
        return;
    }
    if (btn->down) {
        n = buttons_at(s->mouse_x, s->mouse_y);
        if (n >= 0) {
            s->mouse_held[n] = true;
            buttons_set(s, n, true);
        }
        return;
    }
    for (n = 0; n < MICROBIT_NUM_BUTTONS; n++) {
        if (s->mouse_held[n]) {
            s->mouse_held[n] = false;
            buttons_set(s, n, false);
        }
    }
}

static void buttons_move(MicrobitButtonsState *s, InputMoveEvent *move)
{
    /* Absolute positions, scaled to the display's picture */
    if (move->axis == INPUT_AXIS_X) {
        s->mouse_x = qemu_input_scale_axis(move->value, INPUT_EVENT_ABS_MIN,
                                           INPUT_EVENT_ABS_MAX, 0,
                                           MICROBIT_LEDS_WIDTH);
    } else if (move->axis == INPUT_AXIS_Y) {
        s->mouse_y = qemu_input_scale_axis(move->value, INPUT_EVENT_ABS_MIN,
                                           INPUT_EVENT_ABS_MAX, 0,
                                           MICROBIT_LEDS_HEIGHT);
    }
}

static void buttons_input_event(DeviceState *dev, QemuConsole *src,
                                InputEvent *evt)
{
    MicrobitButtonsState *s = MICROBIT_BUTTONS(dev);

    switch (evt->type) {
    case INPUT_EVENT_KIND_KEY:
        buttons_key(s, evt->u.key.data);
        break;
    case INPUT_EVENT_KIND_BTN:
        buttons_mouse(s, evt->u.btn.data);
        break;
    case INPUT_EVENT_KIND_ABS:
        buttons_move(s, evt->u.abs.data);
        break;
    default:
        break;
    }
}

static const QemuInputHandler buttons_input_handler = {
    .name = "micro:bit buttons",
    .mask = INPUT_EVENT_MASK_KEY | INPUT_EVENT_MASK_BTN |
            INPUT_EVENT_MASK_ABS,
    .event = buttons_input_event,
};

static bool buttons_get_a(Object *obj, Error **errp)
{
    return MICROBIT_BUTTONS(obj)->held[0];
}

static void buttons_set_a(Object *obj, bool value, Error **errp)
{
    buttons_set(MICROBIT_BUTTONS(obj), 0, value);
}

static bool buttons_get_b(Object *obj, Error **errp)
{
    return MICROBIT_BUTTONS(obj)->held[1];
}

static void buttons_set_b(Object *obj, bool value, Error **errp)
{
    buttons_set(MICROBIT_BUTTONS(obj), 1, value);
}

static void microbit_buttons_realize(DeviceState *dev, Error **errp)
{
    MicrobitButtonsState *s = MICROBIT_BUTTONS(dev);
    QemuInputHandlerState *input;
    unsigned n;

    input = qemu_input_handler_register(dev, &buttons_input_handler);
    qemu_input_handler_activate(input);

    /*
     * The lines start at the level the buttons give them; a reset of
     * the board does not let go of a button a finger holds, so they
     * keep it then.
     */
    for (n = 0; n < MICROBIT_NUM_BUTTONS; n++) {
        qemu_set_irq(s->out[n], !s->held[n]);
    }
}

static void microbit_buttons_init(Object *obj)
{
    MicrobitButtonsState *s = MICROBIT_BUTTONS(obj);

    qdev_init_gpio_out_named(DEVICE(obj), s->out, MICROBIT_BUTTONS_OUT,
                             MICROBIT_NUM_BUTTONS);

    object_property_add_bool(obj, "button-a", buttons_get_a, buttons_set_a);
    object_property_set_description(obj, "button-a", "button A is held");
    object_property_add_bool(obj, "button-b", buttons_get_b, buttons_set_b);
    object_property_set_description(obj, "button-b", "button B is held");
}

static const VMStateDescription vmstate_microbit_buttons = {
    .name = TYPE_MICROBIT_BUTTONS,
    .version_id = 2,
    .minimum_version_id = 2,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL_ARRAY(held, MicrobitButtonsState, MICROBIT_NUM_BUTTONS),
        VMSTATE_BOOL_ARRAY(mouse_held, MicrobitButtonsState,
                           MICROBIT_NUM_BUTTONS),
        VMSTATE_END_OF_LIST()
    }
};

static void microbit_buttons_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "BBC micro:bit buttons A and B";
    dc->realize = microbit_buttons_realize;
    dc->vmsd = &vmstate_microbit_buttons;
    /* Part of the micro:bit board, created by the machine */
    dc->user_creatable = false;
    set_bit(DEVICE_CATEGORY_INPUT, dc->categories);
}

static const TypeInfo microbit_buttons_types[] = {
    {
        .name = TYPE_MICROBIT_BUTTONS,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(MicrobitButtonsState),
        .instance_init = microbit_buttons_init,
        .class_init = microbit_buttons_class_init,
    },
};

DEFINE_TYPES(microbit_buttons_types)
