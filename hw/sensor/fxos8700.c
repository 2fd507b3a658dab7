/*
 * NXP FXOS8700CQ 6-axis accelerometer and magnetometer
 *
 * Reference: NXP FXOS8700CQ data sheet, revision 8 (2017): sections
 * 14 (register descriptions) and 15 (magnetometer registers).
 *
 * The second motion sensor of the micro:bit v1.5.  Its accelerometer
 * has the MMA865x's registers (see mma8653.c), with 14 bits left-
 * justified in 16; the magnetometer adds registers from 0x32 on, its
 * outputs in 16 bits of 0.1 uT.  In hybrid mode (M_CTRL_REG1.M_HMS = 3)
 * with M_CTRL_REG2.HYB_AUTOINC_MODE, a read runs on from the last
 * accelerometer output register (0x06) to the first magnetometer one
 * (0x33), so one burst gets all six axes.  In active mode a sample of
 * both is taken at the output data rate (halved in hybrid mode),
 * whether the last one was read or not.
 *
 * The readings are set through the "accel-x/y/z" (milli-g) and
 * "magnet-x/y/z" (nanotesla) properties, along the chip's own axes.
 * Fast read, the offsets and thresholds, and the motion, freefall,
 * pulse and orientation functions are not modelled: their registers
 * hold what is written.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/sensor/fxos8700.h"

enum {
    REG_OUT_Z_LSB = 0x06,
    REG_M_DR_STATUS = 0x32,
    REG_M_OUT_X_MSB = 0x33,
    REG_M_OUT_Z_LSB = 0x38,
    REG_M_CTRL_REG1 = 0x5b,
    REG_M_CTRL_REG2 = 0x5c,
};

#define M_CTRL1_HMS_MASK    3
#define M_CTRL1_HYBRID      3
#define M_CTRL2_HYB_AUTOINC (1 << 5)

/* Registers that hold what is written: configuration, not outputs */
static bool fxos8700_writable(I2CSensorState *s, uint8_t reg)
{
    switch (reg) {
    case 0x00 ... REG_OUT_Z_LSB:    /* STATUS, accelerometer outputs */
    case 0x0b ... 0x0d:             /* SYSMOD, INT_SOURCE, WHO_AM_I */
    case 0x10:                      /* PL_STATUS */
    case 0x16:                      /* A_FFMT_SRC */
    case 0x1e:                      /* TRANSIENT_SRC */
    case 0x22:                      /* PULSE_SRC */
    case REG_M_DR_STATUS ... 0x3e:  /* magnetometer outputs */
    case 0x45 ... 0x50:             /* MAX/MIN values */
        return false;
    default:
        return true;
    }
}

static bool fxos8700_hybrid(I2CSensorState *s)
{
    return (s->regs[REG_M_CTRL_REG1] & M_CTRL1_HMS_MASK) == M_CTRL1_HYBRID;
}

static bool fxos8700_hybrid_autoinc(I2CSensorState *s)
{
    return fxos8700_hybrid(s) &&
           (s->regs[REG_M_CTRL_REG2] & M_CTRL2_HYB_AUTOINC);
}

static int64_t fxos8700_period_ns(I2CSensorState *s)
{
    return mma8653_period_ns(s) * (fxos8700_hybrid(s) ? 2 : 1);
}

/* The accelerometer's output, then the magnetometer's in 0.1 uT */
static uint16_t fxos8700_output(I2CSensorState *s, int i)
{
    if (i < 3) {
        return mma8653_output(s, i);
    }
    return (uint16_t)MAX(MIN(s->value[i] / 100, INT16_MAX), INT16_MIN);
}

static uint8_t fxos8700_read(I2CSensorState *s, uint8_t reg)
{
    switch (reg) {
    case REG_M_DR_STATUS:
        return s->drdy ? I2C_SENSOR_STATUS_ZYXDR : 0;
    case REG_M_OUT_X_MSB ... REG_M_OUT_Z_LSB:
        return i2c_sensor_out_byte(s, 3, reg, REG_M_OUT_X_MSB, true);
    default:
        return mma8653_read(s, reg);
    }
}

static uint8_t fxos8700_next(I2CSensorState *s, uint8_t reg)
{
    if (fxos8700_hybrid_autoinc(s)) {
        if (reg == REG_OUT_Z_LSB) {
            return REG_M_OUT_X_MSB;
        }
        if (reg == REG_M_OUT_Z_LSB) {
            return 0;
        }
    }
    return reg + 1 < FXOS8700_NUM_REGS ? reg + 1 : 0;
}

static uint8_t fxos8700_last_output(I2CSensorState *s)
{
    return fxos8700_hybrid_autoinc(s) ? REG_M_OUT_Z_LSB : REG_OUT_Z_LSB;
}

static const I2CSensorInput fxos8700_inputs[] = {
    {
        .prefix = "accel-",
        .unit = "milli-g",
        /* Beyond the 8 g full scale the sensor saturates anyway */
        .limit = 16000,
        /* At rest, face up: 1 g pulls down */
        .rest_z = -1000,
    }, {
        .prefix = "magnet-",
        .unit = "nanotesla",
        /* The full scale is 1200 uT */
        .limit = 1200000,
    },
};

static void fxos8700_class_init(ObjectClass *klass, void *data)
{
    I2CSensorClass *sc = I2C_SENSOR_CLASS(klass);
    MMA8653Class *mc = MMA8653_CLASS(klass);

    DEVICE_CLASS(klass)->desc = "NXP FXOS8700CQ accelerometer and "
                                "magnetometer";
    sc->num_regs = FXOS8700_NUM_REGS;
    sc->input[0] = &fxos8700_inputs[0];
    sc->input[1] = &fxos8700_inputs[1];
    sc->free_running = true;
    sc->out_wrap = false;
    sc->fast_read = NULL;
    sc->writable = fxos8700_writable;
    sc->read = fxos8700_read;
    sc->next = fxos8700_next;
    sc->last_output = fxos8700_last_output;
    sc->period_ns = fxos8700_period_ns;
    sc->output = fxos8700_output;
    sc->who_am_i = 0xc7;
    mc->bits = 14;
    mc->offset_mg = 0;
}

static const TypeInfo fxos8700_types[] = {
    {
        .name = TYPE_FXOS8700,
        .parent = TYPE_MMA8653,
        .class_init = fxos8700_class_init,
    },
};

DEFINE_TYPES(fxos8700_types)
