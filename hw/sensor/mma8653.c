/*
 * NXP MMA8653FC 3-axis 10-bit accelerometer
 *
 * Reference: NXP MMA8653FC data sheet, revision 2.0 (2013):
 * section 6 (register descriptions).
 *
 * An I2C slave: the first byte written is a register address, and
 * further bytes written or read auto-increment it (skipping the LSB
 * output registers in fast-read mode, CTRL_REG1.F_READ).  In active
 * mode (CTRL_REG1.ACTIVE) a sample is taken at the output data rate
 * (CTRL_REG1.DR) and sets STATUS.ZYXDR; reading the last output
 * register clears it.  The data-ready interrupt (CTRL_REG4.INT_EN_DRDY)
 * goes to INT1 or INT2 (CTRL_REG5), active low unless CTRL_REG3.IPOL.
 * The full-scale range is 2, 4 or 8 g (XYZ_DATA_CFG.FS), in 10 bits.
 *
 * The acceleration is set through the "x", "y" and "z" properties, in
 * milli-g along the chip's own axes.  Orientation, motion, freefall
 * and auto-sleep detection are not modelled: their registers hold what
 * is written and the events never fire.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/sensor/mma8653.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "trace.h"

enum {
    REG_STATUS = 0x00,
    REG_OUT_X_MSB = 0x01,
    REG_OUT_Z_LSB = 0x06,
    REG_SYSMOD = 0x0b,
    REG_INT_SOURCE = 0x0c,
    REG_WHO_AM_I = 0x0d,
    REG_XYZ_DATA_CFG = 0x0e,
    REG_PL_STATUS = 0x10,
    REG_FF_MT_SRC = 0x16,
    REG_CTRL_REG1 = 0x2a,
    REG_CTRL_REG2 = 0x2b,
    REG_CTRL_REG3 = 0x2c,
    REG_CTRL_REG4 = 0x2d,
    REG_CTRL_REG5 = 0x2e,
    REG_OFF_X = 0x2f,
    REG_OFF_Z = 0x31,
};

#define WHO_AM_I_VALUE      0x5a
#define STATUS_ZYXDR        (1 << 3)
#define INT_SOURCE_DRDY     (1 << 0)
#define CTRL1_ACTIVE        (1 << 0)
#define CTRL1_F_READ        (1 << 1)
#define CTRL1_DR_SHIFT      3
#define CTRL3_IPOL          (1 << 1)
#define CTRL4_INT_EN_DRDY   (1 << 0)
#define CTRL5_INT_CFG_DRDY  (1 << 0)
#define CTRL2_RST           (1 << 6)

/* Registers a write may change */
static bool mma8653_writable(uint8_t reg)
{
    return reg == REG_XYZ_DATA_CFG || (reg >= 0x0f && reg <= 0x31 &&
           reg != REG_PL_STATUS && reg != REG_FF_MT_SRC);
}

static bool mma8653_active(MMA8653State *s)
{
    return s->regs[REG_CTRL_REG1] & CTRL1_ACTIVE;
}

/* Sampling period: 800 Hz down to 1.56 Hz */
static int64_t mma8653_period_ns(MMA8653State *s)
{
    static const uint32_t centihz[8] = {
        80000, 40000, 20000, 10000, 5000, 1250, 625, 156
    };
    unsigned dr = (s->regs[REG_CTRL_REG1] >> CTRL1_DR_SHIFT) & 7;

    return NANOSECONDS_PER_SECOND * 100LL / centihz[dr];
}

static void mma8653_update_irq(MMA8653State *s)
{
    bool active = s->drdy && (s->regs[REG_CTRL_REG4] & CTRL4_INT_EN_DRDY);
    bool to_int1 = s->regs[REG_CTRL_REG5] & CTRL5_INT_CFG_DRDY;
    bool high_active = s->regs[REG_CTRL_REG3] & CTRL3_IPOL;

    qemu_set_irq(s->int1, (active && to_int1) == high_active);
    qemu_set_irq(s->int2, (active && !to_int1) == high_active);
}

static void mma8653_schedule(MMA8653State *s)
{
    if (mma8653_active(s)) {
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  mma8653_period_ns(s));
    } else {
        timer_del(s->timer);
    }
}

/*
 * A new sample is ready.  The output registers follow the acceleration
 * as it stands when read, so until this sample is read the later ones
 * would change nothing the guest sees: sample again once it is read,
 * rather than waking the host at the data rate while nobody reads.
 */
static void mma8653_sample(void *opaque)
{
    MMA8653State *s = opaque;

    s->drdy = true;
    mma8653_update_irq(s);
}

/* The 10-bit output of @axis, left-justified in 16 bits */
static uint16_t mma8653_output(MMA8653State *s, int axis)
{
    /* 1 g is 256 counts at 2 g full scale, 128 at 4 g, 64 at 8 g */
    int fs = s->regs[REG_XYZ_DATA_CFG] & 3;
    int64_t mg = s->accel[axis] + 2 * (int8_t)s->regs[REG_OFF_X + axis];
    int64_t counts = mg * (256 >> MIN(fs, 2)) / 1000;

    counts = MAX(MIN(counts, 511), -512);
    return (uint16_t)(counts << 6);
}

static uint8_t mma8653_read_reg(MMA8653State *s, uint8_t reg)
{
    switch (reg) {
    case REG_STATUS:
        return s->drdy ? STATUS_ZYXDR : 0;
    case REG_OUT_X_MSB ... REG_OUT_Z_LSB: {
        uint16_t v = mma8653_output(s, (reg - REG_OUT_X_MSB) / 2);

        return (reg - REG_OUT_X_MSB) & 1 ? v & 0xff : v >> 8;
    }
    case REG_SYSMOD:
        return mma8653_active(s) ? 1 : 0;
    case REG_INT_SOURCE:
        return s->drdy ? INT_SOURCE_DRDY : 0;
    case REG_WHO_AM_I:
        return WHO_AM_I_VALUE;
    default:
        return reg < MMA8653_NUM_REGS ? s->regs[reg] : 0;
    }
}

static uint8_t mma8653_next(MMA8653State *s, uint8_t reg)
{
    bool fast = s->regs[REG_CTRL_REG1] & CTRL1_F_READ;

    if (fast && reg >= REG_OUT_X_MSB && reg < REG_OUT_Z_LSB) {
        /* Fast read: MSBs only, then on to 0x00 */
        return reg == REG_OUT_Z_LSB - 1 ? REG_STATUS : reg + 2;
    }
    if (reg == REG_OUT_Z_LSB) {
        return REG_STATUS;
    }
    return reg + 1 < MMA8653_NUM_REGS ? reg + 1 : 0;
}

static uint8_t mma8653_recv(I2CSlave *i2c)
{
    MMA8653State *s = MMA8653(i2c);
    uint8_t reg = s->pointer;
    uint8_t v = mma8653_read_reg(s, reg);
    bool fast = s->regs[REG_CTRL_REG1] & CTRL1_F_READ;

    /* Reading the last output register consumes the sample */
    if (reg == (fast ? REG_OUT_Z_LSB - 1 : REG_OUT_Z_LSB)) {
        s->drdy = false;
        mma8653_update_irq(s);
        if (!timer_pending(s->timer)) {
            mma8653_schedule(s);
        }
    }
    s->pointer = mma8653_next(s, reg);
    trace_mma8653_read(reg, v);
    return v;
}

static void mma8653_reset_regs(MMA8653State *s)
{
    memset(s->regs, 0, sizeof(s->regs));
    s->pointer = 0;
    s->drdy = false;
    timer_del(s->timer);
}

static void mma8653_write_reg(MMA8653State *s, uint8_t reg, uint8_t value)
{
    trace_mma8653_write(reg, value);
    if (reg >= MMA8653_NUM_REGS || !mma8653_writable(reg)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: register 0x%02x is read-only\n",
                      __func__, reg);
        return;
    }
    if (reg == REG_CTRL_REG2 && (value & CTRL2_RST)) {
        mma8653_reset_regs(s);
        mma8653_update_irq(s);
        return;
    }
    /* Most configuration is only writable in standby */
    if (mma8653_active(s) && reg != REG_CTRL_REG1) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: register 0x%02x written while active\n",
                      __func__, reg);
        return;
    }
    s->regs[reg] = value;
    if (reg == REG_CTRL_REG1) {
        mma8653_schedule(s);
    }
    mma8653_update_irq(s);
}

static int mma8653_send(I2CSlave *i2c, uint8_t data)
{
    MMA8653State *s = MMA8653(i2c);

    if (s->addr_phase) {
        s->pointer = data;
        s->addr_phase = false;
        return 0;
    }
    mma8653_write_reg(s, s->pointer, data);
    s->pointer = mma8653_next(s, s->pointer);
    return 0;
}

static int mma8653_event(I2CSlave *i2c, enum i2c_event event)
{
    MMA8653State *s = MMA8653(i2c);

    if (event == I2C_START_SEND) {
        s->addr_phase = true;
    }
    return 0;
}

static void mma8653_get_axis(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    int32_t *axis = opaque;

    visit_type_int32(v, name, axis, errp);
}

static void mma8653_set_axis(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    int32_t *axis = opaque;
    int32_t value;

    if (!visit_type_int32(v, name, &value, errp)) {
        return;
    }
    /* Beyond the 8 g full scale the sensor saturates anyway */
    if (value < -16000 || value > 16000) {
        error_setg(errp, "acceleration must be within +/-16000 milli-g");
        return;
    }
    *axis = value;
}

static void mma8653_reset_enter(Object *obj, ResetType type)
{
    MMA8653State *s = MMA8653(obj);

    mma8653_reset_regs(s);
    s->addr_phase = false;
}

static void mma8653_reset_hold(Object *obj, ResetType type)
{
    mma8653_update_irq(MMA8653(obj));
}

static void mma8653_realize(DeviceState *dev, Error **errp)
{
    MMA8653State *s = MMA8653(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, mma8653_sample, s);
}

static void mma8653_init(Object *obj)
{
    MMA8653State *s = MMA8653(obj);
    static const char *const names[] = { "x", "y", "z" };
    int i;

    qdev_init_gpio_out_named(DEVICE(obj), &s->int1, "int1", 1);
    qdev_init_gpio_out_named(DEVICE(obj), &s->int2, "int2", 1);
    /* At rest, face up: 1 g pulls down */
    s->accel[2] = -1000;
    for (i = 0; i < 3; i++) {
        object_property_add(obj, names[i], "int32", mma8653_get_axis,
                            mma8653_set_axis, NULL, &s->accel[i]);
    }
}

static int mma8653_post_load(void *opaque, int version_id)
{
    MMA8653State *s = MMA8653(opaque);

    return s->pointer < MMA8653_NUM_REGS ? 0 : -EINVAL;
}

static const VMStateDescription vmstate_mma8653 = {
    .name = TYPE_MMA8653,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = mma8653_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_I2C_SLAVE(parent_obj, MMA8653State),
        VMSTATE_TIMER_PTR(timer, MMA8653State),
        VMSTATE_INT32_ARRAY(accel, MMA8653State, 3),
        VMSTATE_UINT8_ARRAY(regs, MMA8653State, MMA8653_NUM_REGS),
        VMSTATE_UINT8(pointer, MMA8653State),
        VMSTATE_BOOL(addr_phase, MMA8653State),
        VMSTATE_BOOL(drdy, MMA8653State),
        VMSTATE_END_OF_LIST()
    }
};

static void mma8653_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    I2CSlaveClass *k = I2C_SLAVE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = mma8653_realize;
    dc->desc = "NXP MMA8653FC accelerometer";
    dc->vmsd = &vmstate_mma8653;
    rc->phases.enter = mma8653_reset_enter;
    rc->phases.hold = mma8653_reset_hold;
    k->event = mma8653_event;
    k->recv = mma8653_recv;
    k->send = mma8653_send;
}

static const TypeInfo mma8653_types[] = {
    {
        .name = TYPE_MMA8653,
        .parent = TYPE_I2C_SLAVE,
        .instance_size = sizeof(MMA8653State),
        .instance_init = mma8653_init,
        .class_init = mma8653_class_init,
    },
};

DEFINE_TYPES(mma8653_types)
