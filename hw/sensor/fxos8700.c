/*
 * NXP FXOS8700CQ 6-axis accelerometer and magnetometer
 *
 * Reference: NXP FXOS8700CQ data sheet, revision 8 (2017): sections
 * 14 (register descriptions) and 15 (magnetometer registers).
 *
 * The second motion sensor of the micro:bit v1.5.  An I2C slave: the
 * first byte written is a register address, and further bytes written
 * or read auto-increment it.  In hybrid mode (M_CTRL_REG1.M_HMS = 3)
 * with M_CTRL_REG2.HYB_AUTOINC_MODE, a read runs on from the last
 * accelerometer output register (0x06) to the first magnetometer one
 * (0x33), so one burst gets all six axes.  In active mode
 * (CTRL_REG1.ACTIVE) a sample of both is taken at the output data rate
 * (halved in hybrid mode) and sets the data-ready flags; reading the
 * last output register clears them.  The data-ready interrupt
 * (CTRL_REG4.INT_EN_DRDY) goes to INT1 or INT2 (CTRL_REG5), active low
 * unless CTRL_REG3.IPOL.
 *
 * The accelerometer gives 14 bits left-justified in 16 at 2, 4 or 8 g
 * full scale (XYZ_DATA_CFG.FS); the magnetometer 16 bits of 0.1 uT.
 * The readings are set through the "accel-x/y/z" (milli-g) and
 * "magnet-x/y/z" (nanotesla) properties, along the chip's own axes.
 * Fast read, the magnetometer's offsets and thresholds, and the
 * motion, freefall, pulse and orientation functions are not modelled:
 * their registers hold what is written.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/sensor/fxos8700.h"
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
    REG_CTRL_REG1 = 0x2a,
    REG_CTRL_REG2 = 0x2b,
    REG_CTRL_REG3 = 0x2c,
    REG_CTRL_REG4 = 0x2d,
    REG_CTRL_REG5 = 0x2e,
    REG_M_DR_STATUS = 0x32,
    REG_M_OUT_X_MSB = 0x33,
    REG_M_OUT_Z_LSB = 0x38,
    REG_M_CTRL_REG1 = 0x5b,
    REG_M_CTRL_REG2 = 0x5c,
};

#define WHO_AM_I_VALUE      0xc7
#define STATUS_ZYXDR        (1 << 3)
#define INT_SOURCE_DRDY     (1 << 0)
#define CTRL1_ACTIVE        (1 << 0)
#define CTRL1_DR_SHIFT      3
#define CTRL2_RST           (1 << 6)
#define CTRL3_IPOL          (1 << 1)
#define CTRL4_INT_EN_DRDY   (1 << 0)
#define CTRL5_INT_CFG_DRDY  (1 << 0)
#define M_CTRL1_HMS_MASK    3
#define M_CTRL1_HYBRID      3
#define M_CTRL2_HYB_AUTOINC (1 << 5)

/* Registers that hold what is written: configuration, not outputs */
static bool fxos8700_writable(uint8_t reg)
{
    switch (reg) {
    case REG_STATUS ... REG_OUT_Z_LSB:
    case REG_SYSMOD:
    case REG_INT_SOURCE:
    case REG_WHO_AM_I:
    case 0x10:                      /* PL_STATUS */
    case 0x16:                      /* A_FFMT_SRC */
    case 0x1e:                      /* TRANSIENT_SRC */
    case 0x22:                      /* PULSE_SRC */
    case REG_M_DR_STATUS ... 0x3e:  /* magnetometer outputs */
    case 0x45 ... 0x50:             /* MAX/MIN values */
        return false;
    default:
        return reg < FXOS8700_NUM_REGS;
    }
}

static bool fxos8700_active(FXOS8700State *s)
{
    return s->regs[REG_CTRL_REG1] & CTRL1_ACTIVE;
}

static bool fxos8700_hybrid(FXOS8700State *s)
{
    return (s->regs[REG_M_CTRL_REG1] & M_CTRL1_HMS_MASK) == M_CTRL1_HYBRID;
}

/* Sampling period: 800 Hz down to 1.5625 Hz, halved in hybrid mode */
static int64_t fxos8700_period_ns(FXOS8700State *s)
{
    static const uint32_t centihz[8] = {
        80000, 40000, 20000, 10000, 5000, 1250, 625, 156
    };
    unsigned dr = (s->regs[REG_CTRL_REG1] >> CTRL1_DR_SHIFT) & 7;
    int64_t ns = NANOSECONDS_PER_SECOND * 100LL / centihz[dr];

    return fxos8700_hybrid(s) ? ns * 2 : ns;
}

static void fxos8700_update_irq(FXOS8700State *s)
{
    bool active = s->drdy && (s->regs[REG_CTRL_REG4] & CTRL4_INT_EN_DRDY);
    bool to_int1 = s->regs[REG_CTRL_REG5] & CTRL5_INT_CFG_DRDY;
    bool high_active = s->regs[REG_CTRL_REG3] & CTRL3_IPOL;

    qemu_set_irq(s->int1, (active && to_int1) == high_active);
    qemu_set_irq(s->int2, (active && !to_int1) == high_active);
}

static void fxos8700_schedule(FXOS8700State *s)
{
    if (fxos8700_active(s)) {
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  fxos8700_period_ns(s));
    } else {
        timer_del(s->timer);
    }
}

static void fxos8700_sample(void *opaque)
{
    FXOS8700State *s = opaque;

    s->drdy = true;
    fxos8700_update_irq(s);
    fxos8700_schedule(s);
}

/* The accelerometer's 14-bit output of @axis, left-justified in 16 bits */
static uint16_t fxos8700_accel_output(FXOS8700State *s, int axis)
{
    /* 1 g is 4096 counts at 2 g full scale, 2048 at 4 g, 1024 at 8 g */
    int fs = s->regs[REG_XYZ_DATA_CFG] & 3;
    int64_t counts = (int64_t)s->accel[axis] * (4096 >> MIN(fs, 2)) / 1000;

    counts = MAX(MIN(counts, 8191), -8192);
    return (uint16_t)(counts << 2);
}

/* The magnetometer's output of @axis, in 0.1 uT */
static uint16_t fxos8700_magnet_output(FXOS8700State *s, int axis)
{
    int32_t counts = s->magnet[axis] / 100;

    return (uint16_t)MAX(MIN(counts, 32767), -32768);
}

static uint8_t fxos8700_read_reg(FXOS8700State *s, uint8_t reg)
{
    uint16_t v;

    switch (reg) {
    case REG_STATUS:
    case REG_M_DR_STATUS:
        return s->drdy ? STATUS_ZYXDR : 0;
    case REG_OUT_X_MSB ... REG_OUT_Z_LSB:
        v = fxos8700_accel_output(s, (reg - REG_OUT_X_MSB) / 2);
        return (reg - REG_OUT_X_MSB) & 1 ? v & 0xff : v >> 8;
    case REG_M_OUT_X_MSB ... REG_M_OUT_Z_LSB:
        v = fxos8700_magnet_output(s, (reg - REG_M_OUT_X_MSB) / 2);
        return (reg - REG_M_OUT_X_MSB) & 1 ? v & 0xff : v >> 8;
    case REG_SYSMOD:
        return fxos8700_active(s) ? 1 : 0;
    case REG_INT_SOURCE:
        return s->drdy ? INT_SOURCE_DRDY : 0;
    case REG_WHO_AM_I:
        return WHO_AM_I_VALUE;
    default:
        return reg < FXOS8700_NUM_REGS ? s->regs[reg] : 0;
    }
}

static bool fxos8700_hybrid_autoinc(FXOS8700State *s)
{
    return fxos8700_hybrid(s) &&
           (s->regs[REG_M_CTRL_REG2] & M_CTRL2_HYB_AUTOINC);
}

static uint8_t fxos8700_next(FXOS8700State *s, uint8_t reg)
{
    if (fxos8700_hybrid_autoinc(s)) {
        if (reg == REG_OUT_Z_LSB) {
            return REG_M_OUT_X_MSB;
        }
        if (reg == REG_M_OUT_Z_LSB) {
            return REG_STATUS;
        }
    }
    return reg + 1 < FXOS8700_NUM_REGS ? reg + 1 : 0;
}

static uint8_t fxos8700_recv(I2CSlave *i2c)
{
    FXOS8700State *s = FXOS8700(i2c);
    uint8_t reg = s->pointer;
    uint8_t v = fxos8700_read_reg(s, reg);
    uint8_t last = fxos8700_hybrid_autoinc(s) ? REG_M_OUT_Z_LSB
                                              : REG_OUT_Z_LSB;

    /* Reading the last output register consumes the sample */
    if (reg == last) {
        s->drdy = false;
        fxos8700_update_irq(s);
    }
    s->pointer = fxos8700_next(s, reg);
    trace_fxos8700_read(reg, v);
    return v;
}

static void fxos8700_reset_regs(FXOS8700State *s)
{
    memset(s->regs, 0, sizeof(s->regs));
    s->pointer = 0;
    s->drdy = false;
    timer_del(s->timer);
}

static void fxos8700_write_reg(FXOS8700State *s, uint8_t reg, uint8_t value)
{
    trace_fxos8700_write(reg, value);
    if (!fxos8700_writable(reg)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: register 0x%02x is read-only\n",
                      __func__, reg);
        return;
    }
    if (reg == REG_CTRL_REG2 && (value & CTRL2_RST)) {
        fxos8700_reset_regs(s);
        fxos8700_update_irq(s);
        return;
    }
    /* The configuration is only writable in standby */
    if (fxos8700_active(s) && reg != REG_CTRL_REG1) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: register 0x%02x written while active\n",
                      __func__, reg);
        return;
    }
    s->regs[reg] = value;
    if (reg == REG_CTRL_REG1) {
        fxos8700_schedule(s);
    }
    fxos8700_update_irq(s);
}

static int fxos8700_send(I2CSlave *i2c, uint8_t data)
{
    FXOS8700State *s = FXOS8700(i2c);

    if (s->addr_phase) {
        s->pointer = data < FXOS8700_NUM_REGS ? data : 0;
        s->addr_phase = false;
        return 0;
    }
    fxos8700_write_reg(s, s->pointer, data);
    s->pointer = fxos8700_next(s, s->pointer);
    return 0;
}

static int fxos8700_event(I2CSlave *i2c, enum i2c_event event)
{
    FXOS8700State *s = FXOS8700(i2c);

    if (event == I2C_START_SEND) {
        s->addr_phase = true;
    }
    return 0;
}

static void fxos8700_get_value(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    visit_type_int32(v, name, opaque, errp);
}

static void fxos8700_set_accel(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    int32_t value;

    if (!visit_type_int32(v, name, &value, errp)) {
        return;
    }
    /* Beyond the 8 g full scale the sensor saturates anyway */
    if (value < -16000 || value > 16000) {
        error_setg(errp, "acceleration must be within +/-16000 milli-g");
        return;
    }
    *(int32_t *)opaque = value;
}

static void fxos8700_set_magnet(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    int32_t value;

    if (!visit_type_int32(v, name, &value, errp)) {
        return;
    }
    /* The full scale is 1200 uT */
    if (value < -1200000 || value > 1200000) {
        error_setg(errp, "the field must be within +/-1200000 nanotesla");
        return;
    }
    *(int32_t *)opaque = value;
}

static void fxos8700_reset_enter(Object *obj, ResetType type)
{
    FXOS8700State *s = FXOS8700(obj);

    fxos8700_reset_regs(s);
    s->addr_phase = false;
}

static void fxos8700_reset_hold(Object *obj, ResetType type)
{
    fxos8700_update_irq(FXOS8700(obj));
}

static void fxos8700_realize(DeviceState *dev, Error **errp)
{
    FXOS8700State *s = FXOS8700(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, fxos8700_sample, s);
}

static void fxos8700_init(Object *obj)
{
    FXOS8700State *s = FXOS8700(obj);
    static const char *const axes[] = { "x", "y", "z" };
    int i;

    qdev_init_gpio_out_named(DEVICE(obj), &s->int1, "int1", 1);
    qdev_init_gpio_out_named(DEVICE(obj), &s->int2, "int2", 1);
    /* At rest, face up: 1 g pulls down */
    s->accel[2] = -1000;
    for (i = 0; i < 3; i++) {
        g_autofree char *accel = g_strdup_printf("accel-%s", axes[i]);
        g_autofree char *magnet = g_strdup_printf("magnet-%s", axes[i]);

        object_property_add(obj, accel, "int32", fxos8700_get_value,
                            fxos8700_set_accel, NULL, &s->accel[i]);
        object_property_add(obj, magnet, "int32", fxos8700_get_value,
                            fxos8700_set_magnet, NULL, &s->magnet[i]);
    }
}

static int fxos8700_post_load(void *opaque, int version_id)
{
    FXOS8700State *s = FXOS8700(opaque);

    return s->pointer < FXOS8700_NUM_REGS ? 0 : -EINVAL;
}

static const VMStateDescription vmstate_fxos8700 = {
    .name = TYPE_FXOS8700,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = fxos8700_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_I2C_SLAVE(parent_obj, FXOS8700State),
        VMSTATE_TIMER_PTR(timer, FXOS8700State),
        VMSTATE_INT32_ARRAY(accel, FXOS8700State, 3),
        VMSTATE_INT32_ARRAY(magnet, FXOS8700State, 3),
        VMSTATE_UINT8_ARRAY(regs, FXOS8700State, FXOS8700_NUM_REGS),
        VMSTATE_UINT8(pointer, FXOS8700State),
        VMSTATE_BOOL(addr_phase, FXOS8700State),
        VMSTATE_BOOL(drdy, FXOS8700State),
        VMSTATE_END_OF_LIST()
    }
};

static void fxos8700_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    I2CSlaveClass *k = I2C_SLAVE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = fxos8700_realize;
    dc->desc = "NXP FXOS8700CQ accelerometer and magnetometer";
    dc->vmsd = &vmstate_fxos8700;
    rc->phases.enter = fxos8700_reset_enter;
    rc->phases.hold = fxos8700_reset_hold;
    k->event = fxos8700_event;
    k->recv = fxos8700_recv;
    k->send = fxos8700_send;
}

static const TypeInfo fxos8700_types[] = {
    {
        .name = TYPE_FXOS8700,
        .parent = TYPE_I2C_SLAVE,
        .instance_size = sizeof(FXOS8700State),
        .instance_init = fxos8700_init,
        .class_init = fxos8700_class_init,
    },
};

DEFINE_TYPES(fxos8700_types)
