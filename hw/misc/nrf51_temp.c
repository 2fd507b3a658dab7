/*
 * nRF51 temperature sensor (TEMP)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 24 (TEMP);
 * nRF51822 Product Specification v3.3, section 8.26 (timing).
 *
 * START measures the die temperature, which takes 36 us, then stores
 * it in TEMP in units of 0.25 degrees Celsius and raises DATARDY.  The
 * temperature is the "temperature" property, in degrees Celsius, which
 * a user or test sets with qom-set; it is sampled when a measurement
 * ends.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/misc/nrf51_temp.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_START, 0x000)
REG32(TASKS_STOP, 0x004)
REG32(EVENTS_DATARDY, 0x100)
REG32(TEMP, 0x508)

#define EV_DATARDY          NRF_EVENT(A_EVENTS_DATARDY)
#define TEMP_MEASURE_NS     (36 * SCALE_US)
/* The sensor's range (Product Specification: -40 to 85, with margin) */
#define TEMP_MIN            (-128)
#define TEMP_MAX            127

static void nrf51_temp_done(void *opaque)
{
    NRF51TempState *s = opaque;

    s->measuring = false;
    s->result = s->temperature * 4;
    trace_nrf51_temp_result(s->result);
    nrf_peripheral_event(&s->parent_obj, EV_DATARDY);
}

static void nrf51_temp_task(NRFPeripheralState *p, unsigned n)
{
    NRF51TempState *s = container_of(p, NRF51TempState, parent_obj);

    switch (n) {
    case NRF_TASK(A_TASKS_START):
        if (!s->measuring) {
            s->measuring = true;
            timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                      TEMP_MEASURE_NS);
        }
        break;
    case NRF_TASK(A_TASKS_STOP):
        s->measuring = false;
        timer_del(s->timer);
        break;
    }
}

static uint64_t nrf51_temp_read(NRFPeripheralState *p, hwaddr offset,
                                unsigned size)
{
    NRF51TempState *s = container_of(p, NRF51TempState, parent_obj);

    switch (offset) {
    case A_TEMP:
        return (uint32_t)s->result;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        return 0;
    }
}

static void nrf51_temp_get(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    NRF51TempState *s = NRF51_TEMP(obj);

    visit_type_int32(v, name, &s->temperature, errp);
}

static void nrf51_temp_set(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    NRF51TempState *s = NRF51_TEMP(obj);
    int32_t value;

    if (!visit_type_int32(v, name, &value, errp)) {
        return;
    }
    if (value < TEMP_MIN || value > TEMP_MAX) {
        error_setg(errp, "temperature must be %d to %d degrees Celsius",
                   TEMP_MIN, TEMP_MAX);
        return;
    }
    s->temperature = value;
}

static void nrf51_temp_reset(NRFPeripheralState *p)
{
    NRF51TempState *s = container_of(p, NRF51TempState, parent_obj);

    timer_del(s->timer);
    s->measuring = false;
    s->result = 0;
}

static void nrf51_temp_realize(DeviceState *dev, Error **errp)
{
    NRF51TempState *s = NRF51_TEMP(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_temp_done, s);
}

static void nrf51_temp_init(Object *obj)
{
    NRF51TempState *s = NRF51_TEMP(obj);

    /* A comfortable classroom */
    s->temperature = 21;
    object_property_add(obj, "temperature", "int32", nrf51_temp_get,
                        nrf51_temp_set, NULL, NULL);
    object_property_set_description(obj, "temperature",
                                    "die temperature in degrees Celsius");
}

static const VMStateDescription vmstate_nrf51_temp = {
    .name = TYPE_NRF51_TEMP,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51TempState),
        VMSTATE_TIMER_PTR(timer, NRF51TempState),
        VMSTATE_INT32(temperature, NRF51TempState),
        VMSTATE_BOOL(measuring, NRF51TempState),
        VMSTATE_INT32(result, NRF51TempState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_temp_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_TEMP;
    pc->tasks = BIT(NRF_TASK(A_TASKS_START)) | BIT(NRF_TASK(A_TASKS_STOP));
    pc->events = BIT(EV_DATARDY);
    pc->has_power = true;
    pc->task = nrf51_temp_task;
    pc->read = nrf51_temp_read;
    pc->reset = nrf51_temp_reset;
    dc->realize = nrf51_temp_realize;
    dc->desc = "nRF51 temperature sensor";
    dc->vmsd = &vmstate_nrf51_temp;
}

static const TypeInfo nrf51_temp_types[] = {
    {
        .name = TYPE_NRF51_TEMP,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51TempState),
        .instance_init = nrf51_temp_init,
        .class_init = nrf51_temp_class_init,
    },
};

DEFINE_TYPES(nrf51_temp_types)
