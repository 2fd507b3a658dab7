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
 * register clears it, and the next sample is due a period later.  The
 * data-ready interrupt (CTRL_REG4.INT_EN_DRDY) goes to INT1 or INT2
 * (CTRL_REG5), active low unless CTRL_REG3.IPOL.  The full-scale range
 * is 2, 4 or 8 g (XYZ_DATA_CFG.FS), in 10 bits.
 *
 * The acceleration is set through the "x", "y" and "z" properties, in
 * milli-g along the chip's own axes.  Orientation, motion, freefall
 * and auto-sleep detection are not modelled: their registers hold what
 * is written and the events never fire.
 *
 * The FXOS8700CQ extends this register map; its model is a subclass,
 * and the class fields give what differs (WHO_AM_I, resolution).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/sensor/mma8653.h"

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
};

#define INT_SOURCE_DRDY     (1 << 0)
#define CTRL1_ACTIVE        (1 << 0)
#define CTRL1_F_READ        (1 << 1)
#define CTRL1_DR_SHIFT      3
#define CTRL2_RST           (1 << 6)
#define CTRL3_IPOL          (1 << 1)
#define CTRL4_INT_EN_DRDY   (1 << 0)
#define CTRL5_INT_CFG_DRDY  (1 << 0)

static bool mma8653_active(I2CSensorState *s)
{
    return s->regs[REG_CTRL_REG1] & CTRL1_ACTIVE;
}

static bool mma8653_fast_read(I2CSensorState *s)
{
    return s->regs[REG_CTRL_REG1] & CTRL1_F_READ;
}

/* Registers a write may change */
static bool mma8653_writable(I2CSensorState *s, uint8_t reg)
{
    return reg == REG_XYZ_DATA_CFG || (reg >= 0x0f && reg <= 0x31 &&
           reg != REG_PL_STATUS && reg != REG_FF_MT_SRC);
}

static bool mma8653_pre_write(I2CSensorState *s, uint8_t reg, uint8_t *value)
{
    /* Most configuration is only writable in standby */
    if (mma8653_active(s) && reg != REG_CTRL_REG1) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: register 0x%02x written while active\n",
                      __func__, reg);
        return false;
    }
    return true;
}

/* Sampling period: 800 Hz down to 1.5625 Hz */
int64_t mma8653_period_ns(I2CSensorState *s)
{
    static const uint32_t centihz[8] = {
        80000, 40000, 20000, 10000, 5000, 1250, 625, 156
    };
    unsigned dr = (s->regs[REG_CTRL_REG1] >> CTRL1_DR_SHIFT) & 7;

    if (!mma8653_active(s)) {
        return 0;
    }
    return NANOSECONDS_PER_SECOND * 100LL / centihz[dr];
}

static unsigned mma8653_drdy_lines(I2CSensorState *s)
{
    if (!(s->regs[REG_CTRL_REG4] & CTRL4_INT_EN_DRDY)) {
        return 0;
    }
    return s->regs[REG_CTRL_REG5] & CTRL5_INT_CFG_DRDY ? BIT(0) : BIT(1);
}

static bool mma8653_active_low(I2CSensorState *s)
{
    return !(s->regs[REG_CTRL_REG3] & CTRL3_IPOL);
}

/* The output of @axis, left-justified in 16 bits */
uint16_t mma8653_output(I2CSensorState *s, int axis)
{
    MMA8653Class *mc = MMA8653_GET_CLASS(s);
    /* 1 g is 2^(bits - 2) counts at 2 g full scale, half at 4 g... */
    int fs = MIN(s->regs[REG_XYZ_DATA_CFG] & 3, 2);
    int64_t max = (1 << (mc->bits - 1)) - 1;
    int64_t mg = s->value[axis] +
                 mc->offset_mg * (int8_t)s->regs[REG_OFF_X + axis];
    int64_t counts = mg * ((1 << (mc->bits - 2)) >> fs) / 1000;

    counts = MAX(MIN(counts, max), -max - 1);
    return (uint16_t)(counts << (16 - mc->bits));
}

uint8_t mma8653_read(I2CSensorState *s, uint8_t reg)
{
    if (reg == REG_SYSMOD) {
        return mma8653_active(s) ? 1 : 0;
    }
    if (reg == REG_INT_SOURCE) {
        return s->drdy ? INT_SOURCE_DRDY : 0;
    }
    return s->regs[reg];
}

static const I2CSensorInput mma8653_accel = {
    .prefix = "",
    .unit = "milli-g",
    /* Beyond the 8 g full scale the sensor saturates anyway */
    .limit = 16000,
    /* At rest, face up: 1 g pulls down */
    .rest_z = -1000,
};

static void mma8653_class_init(ObjectClass *klass, void *data)
{
    I2CSensorClass *sc = I2C_SENSOR_CLASS(klass);
    MMA8653Class *mc = MMA8653_CLASS(klass);

    DEVICE_CLASS(klass)->desc = "NXP MMA8653FC accelerometer";
    sc->num_regs = MMA8653_NUM_REGS;
    sc->who_am_i_reg = REG_WHO_AM_I;
    sc->who_am_i = 0x5a;
    sc->status_reg = REG_STATUS;
    sc->input[0] = &mma8653_accel;
    sc->irq_name[0] = "int1";
    sc->irq_name[1] = "int2";
    sc->rate_reg = REG_CTRL_REG1;
    sc->soft_reset_reg = REG_CTRL_REG2;
    sc->soft_reset_bits = CTRL2_RST;
    sc->writable = mma8653_writable;
    sc->pre_write = mma8653_pre_write;
    sc->read = mma8653_read;
    sc->out_first = REG_OUT_X_MSB;
    sc->out_last = REG_OUT_Z_LSB;
    sc->out_wrap = true;
    sc->fast_read = mma8653_fast_read;
    sc->period_ns = mma8653_period_ns;
    sc->output = mma8653_output;
    sc->drdy_lines = mma8653_drdy_lines;
    sc->active_low = mma8653_active_low;
    mc->bits = 10;
    mc->offset_mg = 2;
}

static const TypeInfo mma8653_types[] = {
    {
        .name = TYPE_MMA8653,
        .parent = TYPE_I2C_SENSOR,
        .instance_size = sizeof(MMA8653State),
        .class_size = sizeof(MMA8653Class),
        .class_init = mma8653_class_init,
    },
};

DEFINE_TYPES(mma8653_types)
