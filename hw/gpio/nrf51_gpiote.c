/*
 * nRF51 GPIO tasks and events (GPIOTE)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 15 (GPIOTE).
 *
 * Four channels, each tied by CONFIG[n].PSEL to one pin.  In event
 * mode a channel raises IN[n] on the transition CONFIG[n].POLARITY
 * selects.  In task mode it owns its pin, which it drives to
 * CONFIG[n].OUTINIT when configured; the OUT[n] task then sets,
 * clears or toggles the pin as POLARITY says.  The PORT event is
 * raised when the GPIO block's DETECT signal rises.
 *
 * GPIOTE sees the pins on the GPIO block's "level" lines and drives
 * the pins of its task channels through the block's "task-pin" lines.
 *
 * The nRF51 GPIOTE has only the OUT tasks; the SET and CLR tasks of
 * later Nordic chips do not exist here, and their offsets are treated
 * as undefined.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/gpio/nrf51_gpiote.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_OUT0, 0x000)
REG32(TASKS_OUT3, 0x00c)
REG32(EVENTS_IN0, 0x100)
REG32(EVENTS_PORT, 0x17c)
REG32(CONFIG0, 0x510)
    FIELD(CONFIG, MODE, 0, 2)
    FIELD(CONFIG, PSEL, 8, 5)
    FIELD(CONFIG, POLARITY, 16, 2)
    FIELD(CONFIG, OUTINIT, 20, 1)
REG32(CONFIG3, 0x51c)

#define CONFIG_MASK     (R_CONFIG_MODE_MASK | R_CONFIG_PSEL_MASK | \
                         R_CONFIG_POLARITY_MASK | R_CONFIG_OUTINIT_MASK)
#define EV_IN(n)        (NRF_EVENT(A_EVENTS_IN0) + (n))
#define EV_PORT         NRF_EVENT(A_EVENTS_PORT)

enum {
    MODE_DISABLED = 0,
    MODE_EVENT = 1,
    MODE_TASK = 3,
};

enum {
    POLARITY_NONE = 0,
    POLARITY_LOTOHI = 1,
    POLARITY_HITOLO = 2,
    POLARITY_TOGGLE = 3,
};

static unsigned nrf51_gpiote_mode(NRF51GPIOTEState *s, unsigned ch)
{
    return FIELD_EX32(s->config[ch], CONFIG, MODE);
}

static unsigned nrf51_gpiote_pin(NRF51GPIOTEState *s, unsigned ch)
{
    return FIELD_EX32(s->config[ch], CONFIG, PSEL);
}

/* The pins the task channels own, and the levels they drive there */
static void nrf51_gpiote_owned(NRF51GPIOTEState *s, uint32_t *owned,
                               uint32_t *level)
{
    unsigned ch, pin;

    *owned = 0;
    *level = 0;
    for (ch = 0; ch < NRF51_GPIOTE_CHANNELS; ch++) {
        if (nrf51_gpiote_mode(s, ch) == MODE_TASK) {
            pin = nrf51_gpiote_pin(s, ch);
            *owned |= 1u << pin;
            *level = deposit32(*level, pin, 1, extract32(s->task_out, ch, 1));
        }
    }
}

/* Drive pin @pin's "pin" line from the owned and level masks */
static void nrf51_gpiote_drive_pin(NRF51GPIOTEState *s, unsigned pin)
{
    qemu_set_irq(s->pin_out[pin],
                 extract32(s->drive_mask, pin, 1) ?
                 (int)extract32(s->drive_level, pin, 1) : NRF51_GPIO_FLOAT);
}

/* Give each pin to the task channel that owns it, or back to GPIO */
static void nrf51_gpiote_drive(NRF51GPIOTEState *s)
{
    uint32_t owned, level, changed;
    unsigned pin;

    nrf51_gpiote_owned(s, &owned, &level);
    changed = (owned ^ s->drive_mask) | (level ^ s->drive_level);
    s->drive_mask = owned;
    s->drive_level = level;
    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        if (changed & (1u << pin)) {
            nrf51_gpiote_drive_pin(s, pin);
        }
    }
}

static void nrf51_gpiote_task_out(NRF51GPIOTEState *s, unsigned ch)
{
    bool level = extract32(s->task_out, ch, 1);

    if (nrf51_gpiote_mode(s, ch) != MODE_TASK) {
        return;
    }
    switch (FIELD_EX32(s->config[ch], CONFIG, POLARITY)) {
    case POLARITY_LOTOHI:
        level = true;
        break;
    case POLARITY_HITOLO:
        level = false;
        break;
    case POLARITY_TOGGLE:
        level = !level;
        break;
    }
    s->task_out = deposit32(s->task_out, ch, 1, level);
    nrf51_gpiote_drive(s);
}

static void nrf51_gpiote_level(void *opaque, int pin, int level)
{
    NRF51GPIOTEState *s = opaque;
    bool old = extract32(s->pin_level, pin, 1);
    unsigned ch;

    s->pin_level = deposit32(s->pin_level, pin, 1, level != 0);
    if (old == !!level) {
        return;
    }
    for (ch = 0; ch < NRF51_GPIOTE_CHANNELS; ch++) {
        unsigned polarity = FIELD_EX32(s->config[ch], CONFIG, POLARITY);

        if (nrf51_gpiote_mode(s, ch) != MODE_EVENT ||
            nrf51_gpiote_pin(s, ch) != pin) {
            continue;
        }
        if (polarity == POLARITY_TOGGLE ||
            (polarity == POLARITY_LOTOHI && level) ||
            (polarity == POLARITY_HITOLO && !level)) {
            trace_nrf51_gpiote_in(ch, pin);
            nrf_peripheral_event(&s->parent_obj, EV_IN(ch));
        }
    }
}

static void nrf51_gpiote_detect(void *opaque, int n, int level)
{
    NRF51GPIOTEState *s = opaque;

    if (level && !s->detect) {
        nrf_peripheral_event(&s->parent_obj, EV_PORT);
    }
    s->detect = level;
}

static void nrf51_gpiote_task(NRFPeripheralState *p, unsigned n)
{
    NRF51GPIOTEState *s = container_of(p, NRF51GPIOTEState, parent_obj);

    nrf51_gpiote_task_out(s, n - NRF_TASK(A_TASKS_OUT0));
}

static uint64_t nrf51_gpiote_read(NRFPeripheralState *p, hwaddr offset,
                                  unsigned size)
{
    NRF51GPIOTEState *s = container_of(p, NRF51GPIOTEState, parent_obj);
    uint64_t r;

    switch (offset) {
    case A_CONFIG0 ... A_CONFIG3:
        r = s->config[(offset - A_CONFIG0) / 4];
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        r = 0;
        break;
    }

    trace_nrf51_gpiote_read(offset, r);
    return r;
}

static void nrf51_gpiote_write(NRFPeripheralState *p, hwaddr offset,
                               uint64_t value, unsigned size)
{
    NRF51GPIOTEState *s = container_of(p, NRF51GPIOTEState, parent_obj);
    unsigned ch;

    trace_nrf51_gpiote_write(offset, value);

    switch (offset) {
    case A_CONFIG0 ... A_CONFIG3:
        ch = (offset - A_CONFIG0) / 4;
        s->config[ch] = value & CONFIG_MASK;
        if (nrf51_gpiote_mode(s, ch) == MODE_TASK) {
            s->task_out = deposit32(s->task_out, ch, 1,
                                    FIELD_EX32(value, CONFIG, OUTINIT));
        }
        nrf51_gpiote_drive(s);
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_gpiote_reset(NRFPeripheralState *p)
{
    NRF51GPIOTEState *s = container_of(p, NRF51GPIOTEState, parent_obj);

    memset(s->config, 0, sizeof(s->config));
    s->task_out = 0;
    /* The pins the GPIO block sees from the "level" lines stay as they are */
}

static void nrf51_gpiote_reset_hold(NRFPeripheralState *p)
{
    NRF51GPIOTEState *s = container_of(p, NRF51GPIOTEState, parent_obj);
    unsigned pin;

    /* Give every pin back, whatever was driven before */
    s->drive_mask = 0;
    s->drive_level = 0;
    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        nrf51_gpiote_drive_pin(s, pin);
    }
}

static void nrf51_gpiote_init(Object *obj)
{
    NRF51GPIOTEState *s = NRF51_GPIOTE(obj);
    DeviceState *dev = DEVICE(obj);

    qdev_init_gpio_in_named(dev, nrf51_gpiote_level, NRF51_GPIOTE_LEVEL,
                            NRF51_GPIO_PINS);
    qdev_init_gpio_in_named(dev, nrf51_gpiote_detect, NRF51_GPIOTE_DETECT,
                            1);
    qdev_init_gpio_out_named(dev, s->pin_out, NRF51_GPIOTE_PIN,
                             NRF51_GPIO_PINS);
}

static int nrf51_gpiote_post_load(void *opaque, int version_id)
{
    NRF51GPIOTEState *s = opaque;

    /* What the "pin" lines drive, which the GPIO block has migrated */
    nrf51_gpiote_owned(s, &s->drive_mask, &s->drive_level);
    return 0;
}

static const VMStateDescription vmstate_nrf51_gpiote = {
    .name = TYPE_NRF51_GPIOTE,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_gpiote_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51GPIOTEState),
        VMSTATE_UINT32_ARRAY(config, NRF51GPIOTEState,
                             NRF51_GPIOTE_CHANNELS),
        VMSTATE_UINT32(task_out, NRF51GPIOTEState),
        VMSTATE_UINT32(pin_level, NRF51GPIOTEState),
        VMSTATE_BOOL(detect, NRF51GPIOTEState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_gpiote_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_GPIOTE;
    pc->tasks = MAKE_64BIT_MASK(NRF_TASK(A_TASKS_OUT0),
                                NRF51_GPIOTE_CHANNELS);
    pc->events = MAKE_64BIT_MASK(EV_IN(0), NRF51_GPIOTE_CHANNELS) |
                 BIT(EV_PORT);
    pc->has_power = true;
    pc->task = nrf51_gpiote_task;
    pc->read = nrf51_gpiote_read;
    pc->write = nrf51_gpiote_write;
    pc->reset = nrf51_gpiote_reset;
    pc->reset_hold = nrf51_gpiote_reset_hold;
    dc->desc = "nRF51 GPIO tasks and events";
    dc->vmsd = &vmstate_nrf51_gpiote;
}

static const TypeInfo nrf51_gpiote_types[] = {
    {
        .name = TYPE_NRF51_GPIOTE,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51GPIOTEState),
        .instance_init = nrf51_gpiote_init,
        .class_init = nrf51_gpiote_class_init,
    },
};

DEFINE_TYPES(nrf51_gpiote_types)
