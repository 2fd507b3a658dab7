/*
 * NXP MAG3110 3-axis digital magnetometer
 *
 * Reference: NXP MAG3110 data sheet, revision 9.2 (2013): section 5
 * (register descriptions).
 *
 * An I2C slave with auto-incrementing register addresses (fast read,
 * CTRL_REG1.FR, skips the LSBs).  In active mode (CTRL_REG1.AC) it
 * samples at the output data rate CTRL_REG1.DR selects, or once for a
 * triggered measurement (CTRL_REG1.TM); a sample sets DR_STATUS.ZYXDR
 * and raises INT1 (active high) until the output is read.  Outputs are
 * signed 16-bit counts of 0.1 uT, with the user offsets (OFF_*) added
 * unless CTRL_REG2.RAW is set.
 *
 * The field is set through the "x", "y" and "z" properties, in
 * nanotesla along the chip's own axes, within the +/-1000 uT range of
 * the part.  The over-sampling ratio (CTRL_REG1.OS) does not change
 * the data rate here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/sensor/mag3110.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "trace.h"

enum {
    REG_DR_STATUS = 0x00,
    REG_OUT_X_MSB = 0x01,
    REG_OUT_Z_LSB = 0x06,
    REG_WHO_AM_I = 0x07,
    REG_SYSMOD = 0x08,
    REG_OFF_X_MSB = 0x09,
    REG_OFF_Z_LSB = 0x0e,
    REG_DIE_TEMP = 0x0f,
    REG_CTRL_REG1 = 0x10,
    REG_CTRL_REG2 = 0x11,
};

#define WHO_AM_I_VALUE      0xc4
#define STATUS_ZYXDR        (1 << 3)
#define CTRL1_AC            (1 << 0)
#define CTRL1_TM            (1 << 1)
#define CTRL1_FR            (1 << 2)
#define CTRL1_DR_SHIFT      5
#define CTRL2_MAG_RST       (1 << 4)
#define CTRL2_RAW           (1 << 5)

#define NT_PER_COUNT        100         /* 0.1 uT */
#define FIELD_MAX_NT        1000000     /* 1000 uT */
/* The die temperature the part reports, in degrees Celsius */
#define DIE_TEMP            25

static bool mag3110_active(MAG3110State *s)
{
    return s->regs[REG_CTRL_REG1] & CTRL1_AC;
}

static int64_t mag3110_period_ns(MAG3110State *s)
{
    unsigned dr = s->regs[REG_CTRL_REG1] >> CTRL1_DR_SHIFT;

    /* 80 Hz, halving with each step of DR */
    return (NANOSECONDS_PER_SECOND / 80) << dr;
}

static void mag3110_update_irq(MAG3110State *s)
{
    qemu_set_irq(s->int1, s->drdy);
}

static void mag3110_schedule(MAG3110State *s)
{
    if (mag3110_active(s) || (s->regs[REG_CTRL_REG1] & CTRL1_TM)) {
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  mag3110_period_ns(s));
    } else {
        timer_del(s->timer);
    }
}

/* Measure the field: the output registers hold it until the next one */
static void mag3110_measure(MAG3110State *s)
{
    int i;

    for (i = 0; i < 3; i++) {
        int32_t counts = s->field[i] / NT_PER_COUNT;

        if (!(s->regs[REG_CTRL_REG2] & CTRL2_RAW)) {
            /* OFF_* hold the offset shifted left by one */
            counts += (int16_t)(s->regs[REG_OFF_X_MSB + 2 * i] << 8 |
                                s->regs[REG_OFF_X_MSB + 2 * i + 1]) >> 1;
        }
        s->out[i] = MAX(MIN(counts, INT16_MAX), INT16_MIN);
    }
    s->drdy = true;
    /* A triggered measurement is a one-off */
    s->regs[REG_CTRL_REG1] &= ~CTRL1_TM;
    mag3110_update_irq(s);
}

/*
 * A measurement is due.  Until it is read, later ones would only
 * replace it: measure again when it is read (the field as it stands
 * then), and carry on from there, rather than waking the host at the
 * data rate while nobody reads.
 */
static void mag3110_sample(void *opaque)
{
    mag3110_measure(opaque);
}

static uint8_t mag3110_read_reg(MAG3110State *s, uint8_t reg)
{
    switch (reg) {
    case REG_DR_STATUS:
        return s->drdy ? STATUS_ZYXDR : 0;
    case REG_OUT_X_MSB ... REG_OUT_Z_LSB: {
        uint16_t v = s->out[(reg - REG_OUT_X_MSB) / 2];

        return (reg - REG_OUT_X_MSB) & 1 ? v & 0xff : v >> 8;
    }
    case REG_WHO_AM_I:
        return WHO_AM_I_VALUE;
    case REG_SYSMOD:
        if (!mag3110_active(s)) {
            return 0;
        }
        return s->regs[REG_CTRL_REG2] & CTRL2_RAW ? 2 : 1;
    case REG_DIE_TEMP:
        return DIE_TEMP;
    default:
        return reg < MAG3110_NUM_REGS ? s->regs[reg] : 0;
    }
}

static uint8_t mag3110_next(MAG3110State *s, uint8_t reg)
{
    if ((s->regs[REG_CTRL_REG1] & CTRL1_FR) &&
        reg >= REG_OUT_X_MSB && reg < REG_OUT_Z_LSB) {
        return reg == REG_OUT_Z_LSB - 1 ? REG_DR_STATUS : reg + 2;
    }
    if (reg == REG_OUT_Z_LSB) {
        return REG_DR_STATUS;
    }
    return reg + 1 < MAG3110_NUM_REGS ? reg + 1 : 0;
}

static uint8_t mag3110_recv(I2CSlave *i2c)
{
    MAG3110State *s = MAG3110(i2c);
    uint8_t reg = s->pointer;
    bool fast = s->regs[REG_CTRL_REG1] & CTRL1_FR;
    uint8_t v;

    if (reg == REG_OUT_X_MSB && s->drdy && mag3110_active(s) &&
        !timer_pending(s->timer)) {
        /* The latest of the measurements not taken */
        mag3110_measure(s);
    }
    v = mag3110_read_reg(s, reg);
    if (reg == (fast ? REG_OUT_Z_LSB - 1 : REG_OUT_Z_LSB)) {
        s->drdy = false;
        mag3110_update_irq(s);
        if (!timer_pending(s->timer)) {
            mag3110_schedule(s);
        }
    }
    s->pointer = mag3110_next(s, reg);
    trace_mag3110_read(reg, v);
    return v;
}

static void mag3110_reset_regs(MAG3110State *s)
{
    memset(s->regs, 0, sizeof(s->regs));
    memset(s->out, 0, sizeof(s->out));
    s->pointer = 0;
    s->drdy = false;
    timer_del(s->timer);
}

static int mag3110_send(I2CSlave *i2c, uint8_t data)
{
    MAG3110State *s = MAG3110(i2c);
    uint8_t reg = s->pointer;

    if (s->addr_phase) {
        s->pointer = data;
        s->addr_phase = false;
        return 0;
    }
    trace_mag3110_write(reg, data);
    if ((reg >= REG_OFF_X_MSB && reg <= REG_OFF_Z_LSB) ||
        reg == REG_CTRL_REG1 || reg == REG_CTRL_REG2) {
        if (reg == REG_CTRL_REG2 && (data & CTRL2_MAG_RST)) {
            /* A one-shot magnetic sensor reset: nothing to do */
            data &= ~CTRL2_MAG_RST;
        }
        s->regs[reg] = data;
        if (reg == REG_CTRL_REG1) {
            mag3110_schedule(s);
        }
    } else {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: register 0x%02x is read-only\n",
                      __func__, reg);
    }
    s->pointer = mag3110_next(s, reg);
    return 0;
}

static int mag3110_event(I2CSlave *i2c, enum i2c_event event)
{
    MAG3110State *s = MAG3110(i2c);

    if (event == I2C_START_SEND) {
        s->addr_phase = true;
    }
    return 0;
}

static void mag3110_get_axis(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    visit_type_int32(v, name, opaque, errp);
}

static void mag3110_set_axis(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    int32_t *axis = opaque;
    int32_t value;

    if (!visit_type_int32(v, name, &value, errp)) {
        return;
    }
    if (value < -FIELD_MAX_NT || value > FIELD_MAX_NT) {
        error_setg(errp, "field must be within +/-%d nT", FIELD_MAX_NT);
        return;
    }
    *axis = value;
}

static void mag3110_reset_enter(Object *obj, ResetType type)
{
    MAG3110State *s = MAG3110(obj);

    mag3110_reset_regs(s);
    s->addr_phase = false;
}

static void mag3110_reset_hold(Object *obj, ResetType type)
{
    mag3110_update_irq(MAG3110(obj));
}

static void mag3110_realize(DeviceState *dev, Error **errp)
{
    MAG3110State *s = MAG3110(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, mag3110_sample, s);
}

static void mag3110_init(Object *obj)
{
    MAG3110State *s = MAG3110(obj);
    static const char *const names[] = { "x", "y", "z" };
    int i;

    qdev_init_gpio_out_named(DEVICE(obj), &s->int1, "int1", 1);
    for (i = 0; i < 3; i++) {
        object_property_add(obj, names[i], "int32", mag3110_get_axis,
                            mag3110_set_axis, NULL, &s->field[i]);
    }
}

static int mag3110_post_load(void *opaque, int version_id)
{
    MAG3110State *s = MAG3110(opaque);

    return s->pointer < MAG3110_NUM_REGS ? 0 : -EINVAL;
}

static const VMStateDescription vmstate_mag3110 = {
    .name = TYPE_MAG3110,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = mag3110_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_I2C_SLAVE(parent_obj, MAG3110State),
        VMSTATE_TIMER_PTR(timer, MAG3110State),
        VMSTATE_INT32_ARRAY(field, MAG3110State, 3),
        VMSTATE_UINT8_ARRAY(regs, MAG3110State, MAG3110_NUM_REGS),
        VMSTATE_INT16_ARRAY(out, MAG3110State, 3),
        VMSTATE_UINT8(pointer, MAG3110State),
        VMSTATE_BOOL(addr_phase, MAG3110State),
        VMSTATE_BOOL(drdy, MAG3110State),
        VMSTATE_END_OF_LIST()
    }
};

static void mag3110_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    I2CSlaveClass *k = I2C_SLAVE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = mag3110_realize;
    dc->desc = "NXP MAG3110 magnetometer";
    dc->vmsd = &vmstate_mag3110;
    rc->phases.enter = mag3110_reset_enter;
    rc->phases.hold = mag3110_reset_hold;
    k->event = mag3110_event;
    k->recv = mag3110_recv;
    k->send = mag3110_send;
}

static const TypeInfo mag3110_types[] = {
    {
        .name = TYPE_MAG3110,
        .parent = TYPE_I2C_SLAVE,
        .instance_size = sizeof(MAG3110State),
        .instance_init = mag3110_init,
        .class_init = mag3110_class_init,
    },
};

DEFINE_TYPES(mag3110_types)
