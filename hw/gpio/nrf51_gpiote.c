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
 * The nRF51 GPIOTE has only the OUT tasks; the SET and CLR tasks of
 * later Nordic chips do not exist here, and their offsets are treated
 * as undefined.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "hw/gpio/nrf51_gpiote.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-properties.h"
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
REG32(POWER, 0xffc)

#define CONFIG_MASK     (R_CONFIG_MODE_MASK | R_CONFIG_PSEL_MASK | \
                         R_CONFIG_POLARITY_MASK | R_CONFIG_OUTINIT_MASK)
#define EV_IN(n)        (NRF51_EVENT(A_EVENTS_IN0) + (n))
#define EV_PORT         NRF51_EVENT(A_EVENTS_PORT)

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

/* Give each pin to the task channel that owns it, or back to GPIO */
static void nrf51_gpiote_drive(NRF51GPIOTEState *s)
{
    uint32_t owned = 0;
    unsigned ch, pin;

    for (ch = 0; ch < NRF51_GPIOTE_CHANNELS; ch++) {
        if (nrf51_gpiote_mode(s, ch) == MODE_TASK) {
            pin = nrf51_gpiote_pin(s, ch);
            owned |= 1u << pin;
            nrf51_gpio_set_task_pin(s->gpio, pin, true,
                                    extract32(s->task_out, ch, 1));
        }
    }
    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        if (!(owned & (1u << pin))) {
            nrf51_gpio_set_task_pin(s->gpio, pin, false, false);
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
            nrf51_events_fire(&s->events, EV_IN(ch));
        }
    }
}

static void nrf51_gpiote_detect(void *opaque, int n, int level)
{
    NRF51GPIOTEState *s = opaque;

    if (level && !s->detect) {
        nrf51_events_fire(&s->events, EV_PORT);
    }
    s->detect = level;
}

static uint64_t nrf51_gpiote_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51GPIOTEState *s = opaque;
    uint64_t r;

    if (nrf51_events_claims(&s->events, offset)) {
        r = nrf51_events_read(&s->events, offset);
    } else {
        switch (offset) {
        case A_TASKS_OUT0 ... A_TASKS_OUT3:
            r = 0;
            break;
        case A_CONFIG0 ... A_CONFIG3:
            r = s->config[(offset - A_CONFIG0) / 4];
            break;
        case A_POWER:
            r = s->power;
            break;
        default:
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                          __func__, offset);
            r = 0;
            break;
        }
    }

    trace_nrf51_gpiote_read(offset, r);
    return r;
}

static void nrf51_gpiote_write(void *opaque, hwaddr offset, uint64_t value,
                               unsigned size)
{
    NRF51GPIOTEState *s = opaque;
    unsigned ch;

    trace_nrf51_gpiote_write(offset, value);

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }

    switch (offset) {
    case A_TASKS_OUT0 ... A_TASKS_OUT3:
        if ((value & 1) && !(offset & 3)) {
            nrf51_gpiote_task_out(s, offset / 4);
        }
        break;
    case A_CONFIG0 ... A_CONFIG3:
        if (offset & 3) {
            break;
        }
        ch = (offset - A_CONFIG0) / 4;
        s->config[ch] = value & CONFIG_MASK;
        if (nrf51_gpiote_mode(s, ch) == MODE_TASK) {
            s->task_out = deposit32(s->task_out, ch, 1,
                                    FIELD_EX32(value, CONFIG, OUTINIT));
        }
        nrf51_gpiote_drive(s);
        break;
    case A_POWER:
        s->power = value & 1;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        break;
    }
}

static const MemoryRegionOps nrf51_gpiote_ops = {
    .read = nrf51_gpiote_read,
    .write = nrf51_gpiote_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_gpiote_reset_enter(Object *obj, ResetType type)
{
    NRF51GPIOTEState *s = NRF51_GPIOTE(obj);

    nrf51_events_reset(&s->events);
    memset(s->config, 0, sizeof(s->config));
    s->task_out = 0;
    s->power = 1;
}

static void nrf51_gpiote_reset_hold(Object *obj, ResetType type)
{
    nrf51_events_update_irq(&NRF51_GPIOTE(obj)->events);
}

static void nrf51_gpiote_realize(DeviceState *dev, Error **errp)
{
    NRF51GPIOTEState *s = NRF51_GPIOTE(dev);

    if (!s->gpio) {
        error_setg(errp, "gpio link not set");
    }
}

static void nrf51_gpiote_init(Object *obj)
{
    NRF51GPIOTEState *s = NRF51_GPIOTE(obj);
    DeviceState *dev = DEVICE(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_gpiote_ops, s,
                          TYPE_NRF51_GPIOTE, NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    nrf51_events_init(&s->events, dev,
                      (0xfu << EV_IN(0)) | (1u << EV_PORT));
    qdev_init_gpio_in_named(dev, nrf51_gpiote_level, NRF51_GPIOTE_LEVEL,
                            NRF51_GPIO_PINS);
    qdev_init_gpio_in_named(dev, nrf51_gpiote_detect, NRF51_GPIOTE_DETECT,
                            1);
}

static const VMStateDescription vmstate_nrf51_gpiote = {
    .name = TYPE_NRF51_GPIOTE,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF51_EVENTS(events, NRF51GPIOTEState),
        VMSTATE_UINT32_ARRAY(config, NRF51GPIOTEState,
                             NRF51_GPIOTE_CHANNELS),
        VMSTATE_UINT32(task_out, NRF51GPIOTEState),
        VMSTATE_UINT32(power, NRF51GPIOTEState),
        VMSTATE_UINT32(pin_level, NRF51GPIOTEState),
        VMSTATE_BOOL(detect, NRF51GPIOTEState),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_gpiote_properties[] = {
    DEFINE_PROP_LINK("gpio", NRF51GPIOTEState, gpio, TYPE_NRF51_GPIO,
                     NRF51GPIOState *),
};

static void nrf51_gpiote_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_gpiote_realize;
    dc->desc = "nRF51 GPIO tasks and events";
    dc->vmsd = &vmstate_nrf51_gpiote;
    device_class_set_props(dc, nrf51_gpiote_properties);
    rc->phases.enter = nrf51_gpiote_reset_enter;
    rc->phases.hold = nrf51_gpiote_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_gpiote_types[] = {
    {
        .name = TYPE_NRF51_GPIOTE,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51GPIOTEState),
        .instance_init = nrf51_gpiote_init,
        .class_init = nrf51_gpiote_class_init,
    },
};

DEFINE_TYPES(nrf51_gpiote_types)
