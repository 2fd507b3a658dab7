/*
 * nRF51 random number generator (RNG)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 21 (RNG);
 * nRF51822 Product Specification v3.3, section 8.17 (timing).
 *
 * Between START and STOP a new random byte appears in VALUE every
 * 677 us (2.7 ms with the bias correction of CONFIG.DERCEN) and raises
 * VALRDY; SHORTS.VALRDY_STOP stops after one byte.  The bytes come
 * from QEMU's guest random source, so "-seed" makes them reproducible.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qemu/guest-random.h"
#include "hw/misc/nrf51_rng.h"
#include "hw/arm/nrf51.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_START, 0x000)
REG32(TASKS_STOP, 0x004)
REG32(EVENTS_VALRDY, 0x100)
REG32(SHORTS, 0x200)
    FIELD(SHORTS, VALRDY_STOP, 0, 1)
REG32(CONFIG, 0x504)
    FIELD(CONFIG, DERCEN, 0, 1)
REG32(VALUE, 0x508)
REG32(POWER, 0xffc)

#define EV_VALRDY           NRF51_EVENT(A_EVENTS_VALRDY)
#define RNG_BYTE_NS         (677 * SCALE_US)
#define RNG_BYTE_DERCEN_NS  (2700 * SCALE_US)

static void nrf51_rng_schedule(NRF51RNGState *s)
{
    int64_t period = FIELD_EX32(s->config, CONFIG, DERCEN) ?
                     RNG_BYTE_DERCEN_NS : RNG_BYTE_NS;

    timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + period);
}

static void nrf51_rng_timer_cb(void *opaque)
{
    NRF51RNGState *s = opaque;
    uint8_t byte;

    if (!s->running) {
        return;
    }
    qemu_guest_getrandom_nofail(&byte, 1);
    s->value = byte;
    trace_nrf51_rng_value(byte);
    nrf51_events_fire(&s->events, EV_VALRDY);
    if (FIELD_EX32(s->shorts, SHORTS, VALRDY_STOP)) {
        s->running = false;
    } else {
        nrf51_rng_schedule(s);
    }
}

static uint64_t nrf51_rng_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51RNGState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        return nrf51_events_read(&s->events, offset);
    }
    switch (offset) {
    case A_TASKS_START:
    case A_TASKS_STOP:
        return 0;
    case A_SHORTS:
        return s->shorts;
    case A_CONFIG:
        return s->config;
    case A_VALUE:
        return s->value;
    case A_POWER:
        return 1;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return 0;
    }
}

static void nrf51_rng_write(void *opaque, hwaddr offset, uint64_t value,
                            unsigned size)
{
    NRF51RNGState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }
    switch (offset) {
    case A_TASKS_START:
        if ((value & 1) && !s->running) {
            s->running = true;
            nrf51_rng_schedule(s);
        }
        break;
    case A_TASKS_STOP:
        if (value & 1) {
            s->running = false;
            timer_del(s->timer);
        }
        break;
    case A_SHORTS:
        s->shorts = value & R_SHORTS_VALRDY_STOP_MASK;
        break;
    case A_CONFIG:
        s->config = value & R_CONFIG_DERCEN_MASK;
        break;
    case A_POWER:
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        break;
    }
}

static const MemoryRegionOps nrf51_rng_ops = {
    .read = nrf51_rng_read,
    .write = nrf51_rng_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_rng_reset_enter(Object *obj, ResetType type)
{
    NRF51RNGState *s = NRF51_RNG(obj);

    timer_del(s->timer);
    nrf51_events_reset(&s->events);
    s->running = false;
    s->shorts = 0;
    s->config = 0;
    s->value = 0;
}

static void nrf51_rng_reset_hold(Object *obj, ResetType type)
{
    nrf51_events_update_irq(&NRF51_RNG(obj)->events);
}

static void nrf51_rng_realize(DeviceState *dev, Error **errp)
{
    NRF51RNGState *s = NRF51_RNG(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_rng_timer_cb, s);
}

static void nrf51_rng_init(Object *obj)
{
    NRF51RNGState *s = NRF51_RNG(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_rng_ops, s, TYPE_NRF51_RNG,
                          NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    nrf51_events_init(&s->events, DEVICE(obj), 1u << EV_VALRDY);
}

static const VMStateDescription vmstate_nrf51_rng = {
    .name = TYPE_NRF51_RNG,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF51_EVENTS(events, NRF51RNGState),
        VMSTATE_TIMER_PTR(timer, NRF51RNGState),
        VMSTATE_BOOL(running, NRF51RNGState),
        VMSTATE_UINT32(shorts, NRF51RNGState),
        VMSTATE_UINT32(config, NRF51RNGState),
        VMSTATE_UINT32(value, NRF51RNGState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_rng_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_rng_realize;
    dc->desc = "nRF51 random number generator";
    dc->vmsd = &vmstate_nrf51_rng;
    rc->phases.enter = nrf51_rng_reset_enter;
    rc->phases.hold = nrf51_rng_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_rng_types[] = {
    {
        .name = TYPE_NRF51_RNG,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51RNGState),
        .instance_init = nrf51_rng_init,
        .class_init = nrf51_rng_class_init,
    },
};

DEFINE_TYPES(nrf51_rng_types)
