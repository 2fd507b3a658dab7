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

#define EV_VALRDY           NRF_EVENT(A_EVENTS_VALRDY)
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
    nrf_peripheral_event(&s->parent_obj, EV_VALRDY);
    if (FIELD_EX32(s->parent_obj.shorts, SHORTS, VALRDY_STOP)) {
        s->running = false;
    } else {
        nrf51_rng_schedule(s);
    }
}

static void nrf51_rng_task(NRFPeripheralState *p, unsigned n)
{
    NRF51RNGState *s = container_of(p, NRF51RNGState, parent_obj);

    switch (n) {
    case NRF_TASK(A_TASKS_START):
        if (!s->running) {
            s->running = true;
            nrf51_rng_schedule(s);
        }
        break;
    case NRF_TASK(A_TASKS_STOP):
        s->running = false;
        timer_del(s->timer);
        break;
    }
}

static uint64_t nrf51_rng_read(NRFPeripheralState *p, hwaddr offset,
                               unsigned size)
{
    NRF51RNGState *s = container_of(p, NRF51RNGState, parent_obj);

    switch (offset) {
    case A_CONFIG:
        return s->config;
    case A_VALUE:
        return s->value;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        return 0;
    }
}

static void nrf51_rng_write(NRFPeripheralState *p, hwaddr offset,
                            uint64_t value, unsigned size)
{
    NRF51RNGState *s = container_of(p, NRF51RNGState, parent_obj);

    switch (offset) {
    case A_CONFIG:
        s->config = value & R_CONFIG_DERCEN_MASK;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_rng_reset(NRFPeripheralState *p)
{
    NRF51RNGState *s = container_of(p, NRF51RNGState, parent_obj);

    timer_del(s->timer);
    s->running = false;
    s->config = 0;
    s->value = 0;
}

static void nrf51_rng_realize(DeviceState *dev, Error **errp)
{
    NRF51RNGState *s = NRF51_RNG(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_rng_timer_cb, s);
}

static const VMStateDescription vmstate_nrf51_rng = {
    .name = TYPE_NRF51_RNG,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51RNGState),
        VMSTATE_TIMER_PTR(timer, NRF51RNGState),
        VMSTATE_BOOL(running, NRF51RNGState),
        VMSTATE_UINT32(config, NRF51RNGState),
        VMSTATE_UINT32(value, NRF51RNGState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_rng_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_RNG;
    pc->tasks = BIT(NRF_TASK(A_TASKS_START)) | BIT(NRF_TASK(A_TASKS_STOP));
    pc->events = BIT(EV_VALRDY);
    pc->shorts = R_SHORTS_VALRDY_STOP_MASK;
    pc->has_power = true;
    pc->task = nrf51_rng_task;
    pc->read = nrf51_rng_read;
    pc->write = nrf51_rng_write;
    pc->reset = nrf51_rng_reset;
    dc->realize = nrf51_rng_realize;
    dc->desc = "nRF51 random number generator";
    dc->vmsd = &vmstate_nrf51_rng;
}

static const TypeInfo nrf51_rng_types[] = {
    {
        .name = TYPE_NRF51_RNG,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51RNGState),
        .class_init = nrf51_rng_class_init,
    },
};

DEFINE_TYPES(nrf51_rng_types)
