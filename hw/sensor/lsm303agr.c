/*
 * ST LSM303AGR accelerometer and magnetometer
 *
 * Reference: ST LSM303AGR data sheet, DocID027765 revision 7 (2018):
 * sections 6 (digital interfaces), 7 (register mapping) and 8-9
 * (register descriptions).
 *
 * One of the two motion sensors a micro:bit v1.5 may carry: two I2C
 * slaves in one package.  The first byte written is a register address;
 * the accelerometer auto-increments it when its top bit is set, the
 * magnetometer always does.
 *
 * Accelerometer (WHO_AM_I_A 0x33): CTRL_REG1_A sets the output data rate
 * (0 powers it down) and the low-power (8-bit) mode, CTRL_REG4_A the
 * full scale (2/4/8/16 g), the high-resolution (12-bit) mode and the
 * byte order; the outputs are left-justified 16-bit values.  A sample
 * sets STATUS_REG_A.ZYXDA, and CTRL_REG3_A.I1_ZYXDA puts that on INT1.
 *
 * Magnetometer (WHO_AM_I_M 0x40): CFG_REG_A_M sets the output data rate
 * and the mode (continuous, single or idle), the outputs count
 * 1.5 milligauss (150 nT); a sample sets STATUS_REG_M.ZYXDA and
 * CFG_REG_C_M.INT_MAG puts it on INT_MAG.
 *
 * Reading the last output register consumes the sample.  The readings
 * are set through the "x", "y" and "z" properties along the chip's own
 * axes (milli-g, or nanotesla).  Offsets, thresholds, FIFO, click and
 * activity functions are not modelled: their registers hold what is
 * written.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/sensor/lsm303agr.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "trace.h"

/* Accelerometer */
#define A_WHO_AM_I          0x0f
#define A_WHO_AM_I_VALUE    0x33
#define A_CTRL_REG1         0x20
#define A_CTRL_REG3         0x22
#define A_CTRL_REG4         0x23
#define A_CTRL_REG5         0x24
#define A_STATUS            0x27
#define A_OUT_X_L           0x28
#define A_OUT_Z_H           0x2d
#define A_FIFO_SRC          0x2f
#define A_INT1_SRC          0x31
#define A_INT2_SRC          0x35
#define A_CLICK_SRC         0x39
#define A_CTRL1_LPEN        (1 << 3)
#define A_CTRL3_I1_ZYXDA    (1 << 4)
#define A_CTRL4_BLE         (1 << 6)
#define A_CTRL4_HR          (1 << 3)
#define A_CTRL5_BOOT        (1 << 7)

/* Magnetometer */
#define M_WHO_AM_I          0x4f
#define M_WHO_AM_I_VALUE    0x40
#define M_CFG_REG_A         0x60
#define M_CFG_REG_C         0x62
#define M_INT_SOURCE        0x64
#define M_STATUS            0x67
#define M_OUT_X_L           0x68
#define M_OUT_Z_H           0x6d
#define M_CFG_A_SOFT_RST    (1 << 5)
#define M_CFG_A_MD_MASK     3
#define M_CFG_A_CONTINUOUS  0
#define M_CFG_A_SINGLE      1
#define M_CFG_A_RESET       0x03
#define M_CFG_C_INT_MAG     (1 << 0)

#define STATUS_ZYXDA        (1 << 3)

static bool lsm303agr_writable(LSM303AGRState *s, uint8_t reg)
{
    if (s->is_mag) {
        return (reg >= 0x45 && reg <= 0x4a) ||
               (reg >= M_CFG_REG_A && reg <= 0x63) ||
               reg == 0x65 || reg == 0x66;
    }
    switch (reg) {
    case 0x1f ... 0x26:
    case 0x2e:
    case 0x30:
    case 0x32 ... 0x34:
    case 0x36 ... 0x38:
    case 0x3a ... 0x3f:
        return true;
    default:
        return false;
    }
}

/* The sampling period, or 0 when powered down or idle */
static int64_t lsm303agr_period_ns(LSM303AGRState *s)
{
    static const uint32_t accel_hz[16] = {
        0, 1, 10, 25, 50, 100, 200, 400, 1620, 1344,
    };
    static const uint32_t mag_hz[4] = { 10, 20, 50, 100 };
    uint32_t hz;

    if (s->is_mag) {
        uint8_t cfg = s->regs[M_CFG_REG_A];

        if ((cfg & M_CFG_A_MD_MASK) > M_CFG_A_SINGLE) {
            return 0;
        }
        hz = mag_hz[(cfg >> 2) & 3];
    } else {
        hz = accel_hz[s->regs[A_CTRL_REG1] >> 4];
    }
    return hz ? NANOSECONDS_PER_SECOND / hz : 0;
}

static void lsm303agr_update_irq(LSM303AGRState *s)
{
    bool enabled = s->is_mag ?
        s->regs[M_CFG_REG_C] & M_CFG_C_INT_MAG :
        s->regs[A_CTRL_REG3] & A_CTRL3_I1_ZYXDA;

    qemu_set_irq(s->irq, s->drdy && enabled);
}

static void lsm303agr_schedule(LSM303AGRState *s)
{
    int64_t period = lsm303agr_period_ns(s);

    if (period) {
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + period);
    } else {
        timer_del(s->timer);
    }
}

/*
 * A new sample is ready.  The outputs follow the values as they stand
 * when read, so until this sample is read the later ones would change
 * nothing the guest sees: sample again once it is read.
 */
static void lsm303agr_sample(void *opaque)
{
    LSM303AGRState *s = opaque;

    s->drdy = true;
    lsm303agr_update_irq(s);
    /* A single measurement, then idle */
    if (s->is_mag &&
        (s->regs[M_CFG_REG_A] & M_CFG_A_MD_MASK) == M_CFG_A_SINGLE) {
        s->regs[M_CFG_REG_A] |= M_CFG_A_MD_MASK;
    }
}

/* The output of @axis as a 16-bit value */
static uint16_t lsm303agr_output(LSM303AGRState *s, int axis)
{
    int64_t counts;

    if (s->is_mag) {
        counts = s->value[axis] / 150;
        return MAX(MIN(counts, 32767), -32768);
    } else {
        /* Milli-g per digit of the 10-bit normal mode, by full scale */
        static const unsigned mg_x4[4] = { 16, 32, 64, 192 };
        unsigned fs = (s->regs[A_CTRL_REG4] >> 4) & 3;
        unsigned bits = s->regs[A_CTRL_REG1] & A_CTRL1_LPEN ? 8 :
                        s->regs[A_CTRL_REG4] & A_CTRL4_HR ? 12 : 10;

        /* In 1/64 of a 10-bit digit, so that all modes round alike */
        counts = (int64_t)s->value[axis] * 4 * 64 / mg_x4[fs];
        counts = MAX(MIN(counts, INT16_MAX), INT16_MIN);
        return (uint16_t)(counts & ~(int64_t)MAKE_64BIT_MASK(0, 16 - bits));
    }
}

static uint8_t lsm303agr_read_reg(LSM303AGRState *s, uint8_t reg)
{
    uint8_t first = s->is_mag ? M_OUT_X_L : A_OUT_X_L;
    uint16_t v;
    bool big;

    if (reg == (s->is_mag ? M_WHO_AM_I : A_WHO_AM_I)) {
        return s->is_mag ? M_WHO_AM_I_VALUE : A_WHO_AM_I_VALUE;
    }
    if (reg == (s->is_mag ? M_STATUS : A_STATUS)) {
        return s->drdy ? STATUS_ZYXDA : 0;
    }
    if (reg >= first && reg < first + 6) {
        v = lsm303agr_output(s, (reg - first) / 2);
        big = !s->is_mag && (s->regs[A_CTRL_REG4] & A_CTRL4_BLE);
        return ((reg - first) & 1) != big ? v >> 8 : v & 0xff;
    }
    return reg < LSM303AGR_NUM_REGS ? s->regs[reg] : 0;
}

static uint8_t lsm303agr_recv(I2CSlave *i2c)
{
    LSM303AGRState *s = LSM303AGR(i2c);
    uint8_t reg = s->pointer;
    uint8_t v = lsm303agr_read_reg(s, reg);

    /* Reading the last output register consumes the sample */
    if (reg == (s->is_mag ? M_OUT_Z_H : A_OUT_Z_H)) {
        s->drdy = false;
        lsm303agr_update_irq(s);
        if (!timer_pending(s->timer)) {
            lsm303agr_schedule(s);
        }
    }
    if (s->autoinc) {
        s->pointer = (reg + 1) % LSM303AGR_NUM_REGS;
    }
    trace_lsm303agr_read(s->is_mag, reg, v);
    return v;
}

static void lsm303agr_reset_regs(LSM303AGRState *s)
{
    memset(s->regs, 0, sizeof(s->regs));
    if (s->is_mag) {
        s->regs[M_CFG_REG_A] = M_CFG_A_RESET;
    }
    s->pointer = 0;
    s->autoinc = false;
    s->drdy = false;
    timer_del(s->timer);
}

static void lsm303agr_write_reg(LSM303AGRState *s, uint8_t reg, uint8_t value)
{
    trace_lsm303agr_write(s->is_mag, reg, value);
    if (!lsm303agr_writable(s, reg)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: register 0x%02x is read-only\n",
                      __func__, reg);
        return;
    }
    if ((s->is_mag && reg == M_CFG_REG_A && (value & M_CFG_A_SOFT_RST)) ||
        (!s->is_mag && reg == A_CTRL_REG5 && (value & A_CTRL5_BOOT))) {
        lsm303agr_reset_regs(s);
        lsm303agr_update_irq(s);
        return;
    }
    s->regs[reg] = value;
    if (reg == (s->is_mag ? M_CFG_REG_A : A_CTRL_REG1)) {
        lsm303agr_schedule(s);
    }
    lsm303agr_update_irq(s);
}

static int lsm303agr_send(I2CSlave *i2c, uint8_t data)
{
    LSM303AGRState *s = LSM303AGR(i2c);

    if (s->addr_phase) {
        s->pointer = (data & 0x7f) % LSM303AGR_NUM_REGS;
        s->autoinc = s->is_mag || (data & 0x80);
        s->addr_phase = false;
        return 0;
    }
    lsm303agr_write_reg(s, s->pointer, data);
    if (s->autoinc) {
        s->pointer = (s->pointer + 1) % LSM303AGR_NUM_REGS;
    }
    return 0;
}

static int lsm303agr_event(I2CSlave *i2c, enum i2c_event event)
{
    LSM303AGRState *s = LSM303AGR(i2c);

    if (event == I2C_START_SEND) {
        s->addr_phase = true;
    }
    return 0;
}

static void lsm303agr_get_value(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    visit_type_int32(v, name, opaque, errp);
}

static void lsm303agr_set_value(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    LSM303AGRState *s = LSM303AGR(obj);
    int32_t limit = s->is_mag ? 5000000 : 32000;
    int32_t value;

    if (!visit_type_int32(v, name, &value, errp)) {
        return;
    }
    if (value < -limit || value > limit) {
        error_setg(errp, "%s must be within +/-%d %s", name, limit,
                   s->is_mag ? "nanotesla" : "milli-g");
        return;
    }
    *(int32_t *)opaque = value;
}

static void lsm303agr_reset_enter(Object *obj, ResetType type)
{
    LSM303AGRState *s = LSM303AGR(obj);

    lsm303agr_reset_regs(s);
    s->addr_phase = false;
}

static void lsm303agr_reset_hold(Object *obj, ResetType type)
{
    lsm303agr_update_irq(LSM303AGR(obj));
}

static void lsm303agr_realize(DeviceState *dev, Error **errp)
{
    LSM303AGRState *s = LSM303AGR(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, lsm303agr_sample, s);
}

static void lsm303agr_init(Object *obj)
{
    LSM303AGRState *s = LSM303AGR(obj);
    static const char *const axes[] = { "x", "y", "z" };
    int i;

    s->is_mag = !strcmp(object_get_typename(obj), TYPE_LSM303AGR_MAG);
    qdev_init_gpio_out_named(DEVICE(obj), &s->irq, "int", 1);
    if (!s->is_mag) {
        /* At rest, face up: 1 g pulls down */
        s->value[2] = -1000;
    }
    for (i = 0; i < 3; i++) {
        object_property_add(obj, axes[i], "int32", lsm303agr_get_value,
                            lsm303agr_set_value, NULL, &s->value[i]);
    }
}

static int lsm303agr_post_load(void *opaque, int version_id)
{
    LSM303AGRState *s = LSM303AGR(opaque);

    return s->pointer < LSM303AGR_NUM_REGS ? 0 : -EINVAL;
}

static const VMStateDescription vmstate_lsm303agr = {
    .name = TYPE_LSM303AGR,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = lsm303agr_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_I2C_SLAVE(parent_obj, LSM303AGRState),
        VMSTATE_TIMER_PTR(timer, LSM303AGRState),
        VMSTATE_INT32_ARRAY(value, LSM303AGRState, 3),
        VMSTATE_UINT8_ARRAY(regs, LSM303AGRState, LSM303AGR_NUM_REGS),
        VMSTATE_UINT8(pointer, LSM303AGRState),
        VMSTATE_BOOL(autoinc, LSM303AGRState),
        VMSTATE_BOOL(addr_phase, LSM303AGRState),
        VMSTATE_BOOL(drdy, LSM303AGRState),
        VMSTATE_END_OF_LIST()
    }
};

static void lsm303agr_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    I2CSlaveClass *k = I2C_SLAVE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = lsm303agr_realize;
    dc->vmsd = &vmstate_lsm303agr;
    rc->phases.enter = lsm303agr_reset_enter;
    rc->phases.hold = lsm303agr_reset_hold;
    k->event = lsm303agr_event;
    k->recv = lsm303agr_recv;
    k->send = lsm303agr_send;
}

static void lsm303agr_part_class_init(ObjectClass *klass, void *data)
{
    DEVICE_CLASS(klass)->desc = data;
}

static const TypeInfo lsm303agr_types[] = {
    {
        .name = TYPE_LSM303AGR,
        .parent = TYPE_I2C_SLAVE,
        .abstract = true,
        .instance_size = sizeof(LSM303AGRState),
        .instance_init = lsm303agr_init,
        .class_init = lsm303agr_class_init,
    }, {
        .name = TYPE_LSM303AGR_ACCEL,
        .parent = TYPE_LSM303AGR,
        .class_init = lsm303agr_part_class_init,
        .class_data = (void *)"ST LSM303AGR accelerometer",
    }, {
        .name = TYPE_LSM303AGR_MAG,
        .parent = TYPE_LSM303AGR,
        .class_init = lsm303agr_part_class_init,
        .class_data = (void *)"ST LSM303AGR magnetometer",
    },
};

DEFINE_TYPES(lsm303agr_types)
