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
 * unless CTRL_REG2.RAW is set; they hold a measurement until the next.
 *
 * The field is set through the "x", "y" and "z" properties, in
 * nanotesla along the chip's own axes, within the +/-1000 uT range of
 * the part.  The over-sampling ratio (CTRL_REG1.OS) does not change
 * the data rate here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "hw/sensor/mag3110.h"

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

#define CTRL1_AC            (1 << 0)
#define CTRL1_TM            (1 << 1)
#define CTRL1_FR            (1 << 2)
#define CTRL1_DR_SHIFT      5
#define CTRL2_MAG_RST       (1 << 4)
#define CTRL2_RAW           (1 << 5)

#define NT_PER_COUNT        100         /* 0.1 uT */
/* The die temperature the part reports, in degrees Celsius */
#define DIE_TEMP            25

static bool mag3110_active(I2CSensorState *s)
{
    return s->regs[REG_CTRL_REG1] & CTRL1_AC;
}

static bool mag3110_fast_read(I2CSensorState *s)
{
    return s->regs[REG_CTRL_REG1] & CTRL1_FR;
}

static bool mag3110_writable(I2CSensorState *s, uint8_t reg)
{
    return (reg >= REG_OFF_X_MSB && reg <= REG_OFF_Z_LSB) ||
           reg == REG_CTRL_REG1 || reg == REG_CTRL_REG2;
}

static bool mag3110_pre_write(I2CSensorState *s, uint8_t reg, uint8_t *value)
{
    /* A one-shot magnetic sensor reset: nothing to do */
    if (reg == REG_CTRL_REG2) {
        *value &= ~CTRL2_MAG_RST;
    }
    return true;
}

static int64_t mag3110_period_ns(I2CSensorState *s)
{
    unsigned dr = s->regs[REG_CTRL_REG1] >> CTRL1_DR_SHIFT;

    if (!mag3110_active(s) && !(s->regs[REG_CTRL_REG1] & CTRL1_TM)) {
        return 0;
    }
    /* 80 Hz, halving with each step of DR */
    return (NANOSECONDS_PER_SECOND / 80) << dr;
}

static unsigned mag3110_drdy_lines(I2CSensorState *s)
{
    return BIT(0);
}

static uint16_t mag3110_output(I2CSensorState *s, int axis)
{
    int32_t counts = s->value[axis] / NT_PER_COUNT;

    if (!(s->regs[REG_CTRL_REG2] & CTRL2_RAW)) {
        /* OFF_* hold the offset shifted left by one */
        counts += (int16_t)(s->regs[REG_OFF_X_MSB + 2 * axis] << 8 |
                            s->regs[REG_OFF_X_MSB + 2 * axis + 1]) >> 1;
    }
    return (uint16_t)MAX(MIN(counts, INT16_MAX), INT16_MIN);
}

/* Measure the field: the output registers hold it until the next one */
static void mag3110_measure(I2CSensorState *s)
{
    int i;

    for (i = 0; i < 3; i++) {
        s->out[i] = mag3110_output(s, i);
    }
    /* A triggered measurement is a one-off */
    s->regs[REG_CTRL_REG1] &= ~CTRL1_TM;
}

/*
 * A read starts.  When the measurement ready has waited unread, the
 * later ones not taken would have replaced it: measure the field as it
 * stands now, and carry on from there.
 */
static void mag3110_latch(I2CSensorState *s)
{
    if (s->drdy && mag3110_active(s) && !timer_pending(s->timer)) {
        mag3110_measure(s);
    }
}

static uint8_t mag3110_read(I2CSensorState *s, uint8_t reg)
{
    if (reg == REG_DIE_TEMP) {
        return DIE_TEMP;
    }
    if (reg != REG_SYSMOD) {
        return s->regs[reg];
    }
    if (!mag3110_active(s)) {
        return 0;
    }
    return s->regs[REG_CTRL_REG2] & CTRL2_RAW ? 2 : 1;
}

static const I2CSensorInput mag3110_field = {
    .prefix = "",
    .unit = "nanotesla",
    .limit = 1000000,           /* 1000 uT */
};

static void mag3110_class_init(ObjectClass *klass, void *data)
{
    I2CSensorClass *sc = I2C_SENSOR_CLASS(klass);

    DEVICE_CLASS(klass)->desc = "NXP MAG3110 magnetometer";
    sc->num_regs = MAG3110_NUM_REGS;
    sc->who_am_i_reg = REG_WHO_AM_I;
    sc->who_am_i = 0xc4;
    sc->status_reg = REG_DR_STATUS;
    sc->input[0] = &mag3110_field;
    sc->irq_name[0] = "int1";
    sc->rate_reg = REG_CTRL_REG1;
    sc->writable = mag3110_writable;
    sc->pre_write = mag3110_pre_write;
    sc->read = mag3110_read;
    sc->out_first = REG_OUT_X_MSB;
    sc->out_last = REG_OUT_Z_LSB;
    sc->out_wrap = true;
    sc->fast_read = mag3110_fast_read;
    sc->period_ns = mag3110_period_ns;
    sc->output = mag3110_output;
    sc->latch = mag3110_latch;
    sc->sampled = mag3110_measure;
    sc->drdy_lines = mag3110_drdy_lines;
}

static const TypeInfo mag3110_types[] = {
    {
        .name = TYPE_MAG3110,
        .parent = TYPE_I2C_SENSOR,
        .instance_size = sizeof(MAG3110State),
        .class_init = mag3110_class_init,
    },
};

DEFINE_TYPES(mag3110_types)
