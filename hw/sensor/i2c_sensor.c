/*
 * A sensor behind an I2C register file
 *
 * The first byte of a write sets the register pointer (some parts ask
 * for auto-increment with the address's top bit); further bytes written
 * or read move it on, as the subclass says.  A register address past
 * the end of the register file is refused and the pointer goes to 0,
 * so that the pointer always names a register.
 *
 * The readings are latched at the start of each read transfer, so the
 * bytes of one burst always come from one sample, however the
 * properties change while it is on the wire: the parts hold their
 * output registers while a burst reads them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/sensor/i2c_sensor.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "trace.h"

static void i2c_sensor_update_irq(I2CSensorState *s)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);
    unsigned lines = s->drdy ? k->drdy_lines(s) : 0;
    bool low = k->active_low && k->active_low(s);
    int i;

    for (i = 0; i < I2C_SENSOR_NUM_IRQS; i++) {
        qemu_set_irq(s->irq[i], ((lines >> i) & 1) != low);
    }
}

/* Restart sampling as the configuration now asks */
static void i2c_sensor_schedule(I2CSensorState *s)
{
    int64_t period = I2C_SENSOR_GET_CLASS(s)->period_ns(s);

    if (period) {
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + period);
    } else {
        timer_del(s->timer);
    }
}

/*
 * A sample is due.  Parts that sample on read take the next sample a
 * period after this one is read: until then, later samples would change
 * nothing the guest sees, and the host need not wake at the data rate
 * while nobody reads.
 */
static void i2c_sensor_sample(void *opaque)
{
    I2CSensorState *s = opaque;
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);

    s->drdy = true;
    if (k->sampled) {
        k->sampled(s);
    }
    i2c_sensor_update_irq(s);
    if (k->free_running) {
        i2c_sensor_schedule(s);
    }
}

uint8_t i2c_sensor_out_byte(I2CSensorState *s, int i, uint8_t reg,
                            uint8_t first, bool big_endian)
{
    uint16_t v = s->out[i + (reg - first) / 2];

    return ((reg - first) & 1) != big_endian ? v >> 8 : v & 0xff;
}

static void i2c_sensor_latch(I2CSensorState *s)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);
    int i;

    if (k->latch) {
        k->latch(s);
        return;
    }
    for (i = 0; i < I2C_SENSOR_MAX_VALUES; i++) {
        if (k->input[i / 3]) {
            s->out[i] = k->output(s, i);
        }
    }
}

static bool i2c_sensor_fast_read(I2CSensorState *s)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);

    return k->fast_read && k->fast_read(s);
}

static uint8_t i2c_sensor_last_output(I2CSensorState *s)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);

    if (k->last_output) {
        return k->last_output(s);
    }
    /* In fast read, the last MSB */
    return i2c_sensor_fast_read(s) ? k->out_last - 1 : k->out_last;
}

static uint8_t i2c_sensor_next(I2CSensorState *s, uint8_t reg)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);

    if (!s->autoinc) {
        return reg;
    }
    if (k->next) {
        return k->next(s, reg);
    }
    if (i2c_sensor_fast_read(s) && reg >= k->out_first && reg < k->out_last) {
        /* From MSB to MSB, skipping the LSBs */
        reg++;
    }
    if (reg == k->out_last && k->out_wrap) {
        return 0;
    }
    return reg + 1 < k->num_regs ? reg + 1 : 0;
}

static uint8_t i2c_sensor_read(I2CSensorState *s, uint8_t reg)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);

    if (reg == k->who_am_i_reg) {
        return k->who_am_i;
    }
    if (reg == k->status_reg) {
        return s->drdy ? I2C_SENSOR_STATUS_ZYXDR : 0;
    }
    if (reg >= k->out_first && reg <= k->out_last) {
        return i2c_sensor_out_byte(s, 0, reg, k->out_first,
                                   !k->big_endian || k->big_endian(s));
    }
    return k->read ? k->read(s, reg) : s->regs[reg];
}

static uint8_t i2c_sensor_recv(I2CSlave *i2c)
{
    I2CSensorState *s = I2C_SENSOR(i2c);
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);
    uint8_t reg = s->pointer;
    uint8_t v = i2c_sensor_read(s, reg);

    /* Reading the last output register consumes the sample */
    if (reg == i2c_sensor_last_output(s)) {
        s->drdy = false;
        i2c_sensor_update_irq(s);
        if (!k->free_running && !timer_pending(s->timer)) {
            i2c_sensor_schedule(s);
        }
    }
    s->pointer = i2c_sensor_next(s, reg);
    trace_i2c_sensor_read(object_get_typename(OBJECT(s)), reg, v);
    return v;
}

static void i2c_sensor_reset_regs(I2CSensorState *s)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);

    memset(s->regs, 0, sizeof(s->regs));
    memset(s->out, 0, sizeof(s->out));
    s->regs[k->reset_reg] = k->reset_value;
    s->pointer = 0;
    s->autoinc = false;
    s->drdy = false;
    timer_del(s->timer);
}

static void i2c_sensor_write(I2CSensorState *s, uint8_t reg, uint8_t value)
{
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);

    trace_i2c_sensor_write(object_get_typename(OBJECT(s)), reg, value);
    if (!k->writable(s, reg)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %s register 0x%02x is read-only\n",
                      __func__, object_get_typename(OBJECT(s)), reg);
        return;
    }
    if (reg == k->soft_reset_reg && (value & k->soft_reset_bits)) {
        i2c_sensor_reset_regs(s);
        i2c_sensor_update_irq(s);
        return;
    }
    if (k->pre_write && !k->pre_write(s, reg, &value)) {
        return;
    }
    s->regs[reg] = value;
    if (reg == k->rate_reg) {
        i2c_sensor_schedule(s);
    }
    i2c_sensor_update_irq(s);
}

static int i2c_sensor_send(I2CSlave *i2c, uint8_t data)
{
    I2CSensorState *s = I2C_SENSOR(i2c);
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);
    uint8_t reg = data & k->addr_mask;

    if (!s->addr_phase) {
        i2c_sensor_write(s, s->pointer, data);
        s->pointer = i2c_sensor_next(s, s->pointer);
        return 0;
    }
    s->addr_phase = false;
    s->autoinc = !k->autoinc_bit || (data & k->autoinc_bit);
    if (reg >= k->num_regs) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %s has no register 0x%02x\n",
                      __func__, object_get_typename(OBJECT(s)), reg);
        reg = 0;
    }
    s->pointer = reg;
    return 0;
}

static int i2c_sensor_event(I2CSlave *i2c, enum i2c_event event)
{
    I2CSensorState *s = I2C_SENSOR(i2c);

    switch (event) {
    case I2C_START_SEND:
        s->addr_phase = true;
        break;
    case I2C_START_RECV:
        i2c_sensor_latch(s);
        break;
    default:
        break;
    }
    return 0;
}

static void i2c_sensor_get_value(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    I2CSensorState *s = I2C_SENSOR(obj);

    visit_type_int32(v, name, &s->value[(uintptr_t)opaque], errp);
}

static void i2c_sensor_set_value(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    I2CSensorState *s = I2C_SENSOR(obj);
    unsigned i = (uintptr_t)opaque;
    const I2CSensorInput *in = I2C_SENSOR_GET_CLASS(s)->input[i / 3];
    int32_t value;

    if (!visit_type_int32(v, name, &value, errp)) {
        return;
    }
    if (value < -in->limit || value > in->limit) {
        error_setg(errp, "%s must be within +/-%d %s", name, in->limit,
                   in->unit);
        return;
    }
    s->value[i] = value;
}

static void i2c_sensor_reset_enter(Object *obj, ResetType type)
{
    I2CSensorState *s = I2C_SENSOR(obj);

    i2c_sensor_reset_regs(s);
    s->addr_phase = false;
}

static void i2c_sensor_reset_hold(Object *obj, ResetType type)
{
    i2c_sensor_update_irq(I2C_SENSOR(obj));
}

static void i2c_sensor_realize(DeviceState *dev, Error **errp)
{
    I2CSensorState *s = I2C_SENSOR(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, i2c_sensor_sample, s);
}

static void i2c_sensor_init(Object *obj)
{
    I2CSensorState *s = I2C_SENSOR(obj);
    I2CSensorClass *k = I2C_SENSOR_GET_CLASS(s);
    static const char *const axes[] = { "x", "y", "z" };
    int i;

    for (i = 0; i < I2C_SENSOR_NUM_IRQS; i++) {
        if (k->irq_name[i]) {
            qdev_init_gpio_out_named(DEVICE(obj), &s->irq[i],
                                     k->irq_name[i], 1);
        }
    }
    for (i = 0; i < I2C_SENSOR_MAX_VALUES; i++) {
        const I2CSensorInput *in = k->input[i / 3];
        g_autofree char *name = NULL;

        if (!in) {
            continue;
        }
        name = g_strconcat(in->prefix, axes[i % 3], NULL);
        object_property_add(obj, name, "int32", i2c_sensor_get_value,
                            i2c_sensor_set_value, NULL, (void *)(uintptr_t)i);
        if (i % 3 == 2) {
            s->value[i] = in->rest_z;
        }
    }
}

static int i2c_sensor_post_load(void *opaque, int version_id)
{
    I2CSensorState *s = I2C_SENSOR(opaque);

    return s->pointer < I2C_SENSOR_GET_CLASS(s)->num_regs ? 0 : -EINVAL;
}

static const VMStateDescription vmstate_i2c_sensor = {
    .name = TYPE_I2C_SENSOR,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = i2c_sensor_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_I2C_SLAVE(parent_obj, I2CSensorState),
        VMSTATE_TIMER_PTR(timer, I2CSensorState),
        VMSTATE_INT32_ARRAY(value, I2CSensorState, I2C_SENSOR_MAX_VALUES),
        VMSTATE_UINT16_ARRAY(out, I2CSensorState, I2C_SENSOR_MAX_VALUES),
        VMSTATE_UINT8_ARRAY(regs, I2CSensorState, I2C_SENSOR_MAX_REGS),
        VMSTATE_UINT8(pointer, I2CSensorState),
        VMSTATE_BOOL(autoinc, I2CSensorState),
        VMSTATE_BOOL(addr_phase, I2CSensorState),
        VMSTATE_BOOL(drdy, I2CSensorState),
        VMSTATE_END_OF_LIST()
    }
};

static void i2c_sensor_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    I2CSlaveClass *k = I2C_SLAVE_CLASS(klass);
    I2CSensorClass *sc = I2C_SENSOR_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = i2c_sensor_realize;
    dc->vmsd = &vmstate_i2c_sensor;
    rc->phases.enter = i2c_sensor_reset_enter;
    rc->phases.hold = i2c_sensor_reset_hold;
    k->event = i2c_sensor_event;
    k->recv = i2c_sensor_recv;
    k->send = i2c_sensor_send;
    sc->addr_mask = 0xff;
}

static const TypeInfo i2c_sensor_types[] = {
    {
        .name = TYPE_I2C_SENSOR,
        .parent = TYPE_I2C_SLAVE,
        .abstract = true,
        .instance_size = sizeof(I2CSensorState),
        .instance_init = i2c_sensor_init,
        .class_size = sizeof(I2CSensorClass),
        .class_init = i2c_sensor_class_init,
    },
};

DEFINE_TYPES(i2c_sensor_types)
