/*
 * ST LSM303AGR accelerometer and magnetometer
 *
 * Reference: ST LSM303AGR data sheet, DocID027765 revision 7 (2018):
 * sections 6 (digital interfaces), 7 (register mapping) and 8-9
 * (register descriptions).
 *
 * One of the two motion sensors a micro:bit v1.5 may carry: two I2C
 * slaves in one package, one register map between them (each slave
 * answers for its own part).  The first byte written is a register
 * address; the accelerometer auto-increments it when its top bit is
 * set, the magnetometer always does.
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
 * Reading the last output register consumes the sample, and the next
 * is due a period later.  The readings are set through the "x", "y"
 * and "z" properties along the chip's own axes (milli-g, or nanotesla).
 * Offsets, thresholds, FIFO, click and activity functions are not
 * modelled: their registers hold what is written.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "hw/sensor/lsm303agr.h"

/* Accelerometer */
#define A_WHO_AM_I          0x0f
#define A_CTRL_REG1         0x20
#define A_CTRL_REG3         0x22
#define A_CTRL_REG4         0x23
#define A_CTRL_REG5         0x24
#define A_STATUS            0x27
#define A_OUT_X_L           0x28
#define A_OUT_Z_H           0x2d
#define A_CTRL1_LPEN        (1 << 3)
#define A_CTRL3_I1_ZYXDA    (1 << 4)
#define A_CTRL4_BLE         (1 << 6)
#define A_CTRL4_HR          (1 << 3)
#define A_CTRL5_BOOT        (1 << 7)

/* Magnetometer */
#define M_WHO_AM_I          0x4f
#define M_CFG_REG_A         0x60
#define M_CFG_REG_C         0x62
#define M_STATUS            0x67
#define M_OUT_X_L           0x68
#define M_OUT_Z_H           0x6d
#define M_CFG_A_SOFT_RST    (1 << 5)
#define M_CFG_A_MD_MASK     3
#define M_CFG_A_SINGLE      1
#define M_CFG_A_RESET       0x03
#define M_CFG_C_INT_MAG     (1 << 0)

#define NT_PER_COUNT        150

static bool lsm303agr_accel_writable(I2CSensorState *s, uint8_t reg)
{
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

static bool lsm303agr_mag_writable(I2CSensorState *s, uint8_t reg)
{
    return (reg >= 0x45 && reg <= 0x4a) ||
           (reg >= M_CFG_REG_A && reg <= 0x63) ||
           reg == 0x65 || reg == 0x66;
}

/* The sampling periods, or 0 when powered down or idle */
static int64_t lsm303agr_accel_period_ns(I2CSensorState *s)
{
    static const uint32_t hz[16] = {
        0, 1, 10, 25, 50, 100, 200, 400, 1620, 1344,
    };
    uint32_t odr = hz[s->regs[A_CTRL_REG1] >> 4];

    return odr ? NANOSECONDS_PER_SECOND / odr : 0;
}

static int64_t lsm303agr_mag_period_ns(I2CSensorState *s)
{
    static const uint32_t hz[4] = { 10, 20, 50, 100 };
    uint8_t cfg = s->regs[M_CFG_REG_A];

    if ((cfg & M_CFG_A_MD_MASK) > M_CFG_A_SINGLE) {
        return 0;
    }
    return NANOSECONDS_PER_SECOND / hz[(cfg >> 2) & 3];
}

/* A single measurement, then idle */
static void lsm303agr_mag_sampled(I2CSensorState *s)
{
    if ((s->regs[M_CFG_REG_A] & M_CFG_A_MD_MASK) == M_CFG_A_SINGLE) {
        s->regs[M_CFG_REG_A] |= M_CFG_A_MD_MASK;
    }
}

static unsigned lsm303agr_accel_drdy_lines(I2CSensorState *s)
{
    return s->regs[A_CTRL_REG3] & A_CTRL3_I1_ZYXDA ? BIT(0) : 0;
}

static unsigned lsm303agr_mag_drdy_lines(I2CSensorState *s)
{
    return s->regs[M_CFG_REG_C] & M_CFG_C_INT_MAG ? BIT(0) : 0;
}

/* The accelerometer's output of @axis, left-justified in 16 bits */
static uint16_t lsm303agr_accel_output(I2CSensorState *s, int axis)
{
    /* Milli-g per digit of the 10-bit normal mode, by full scale */
    static const unsigned mg_x4[4] = { 16, 32, 64, 192 };
    unsigned fs = (s->regs[A_CTRL_REG4] >> 4) & 3;
    unsigned bits = s->regs[A_CTRL_REG1] & A_CTRL1_LPEN ? 8 :
                    s->regs[A_CTRL_REG4] & A_CTRL4_HR ? 12 : 10;
    /* In 1/64 of a 10-bit digit, so that all modes round alike */
    int64_t counts = (int64_t)s->value[axis] * 4 * 64 / mg_x4[fs];

    counts = MAX(MIN(counts, INT16_MAX), INT16_MIN);
    return (uint16_t)(counts & ~(int64_t)MAKE_64BIT_MASK(0, 16 - bits));
}

static uint16_t lsm303agr_mag_output(I2CSensorState *s, int axis)
{
    int32_t counts = s->value[axis] / NT_PER_COUNT;

    return (uint16_t)MAX(MIN(counts, INT16_MAX), INT16_MIN);
}

/* The accelerometer's byte order is CTRL_REG4_A.BLE's, the other's LSB first */
static bool lsm303agr_accel_big_endian(I2CSensorState *s)
{
    return s->regs[A_CTRL_REG4] & A_CTRL4_BLE;
}

static bool lsm303agr_mag_big_endian(I2CSensorState *s)
{
    return false;
}

static const I2CSensorInput lsm303agr_accel = {
    .prefix = "",
    .unit = "milli-g",
    .limit = 32000,
    /* At rest, face up: 1 g pulls down */
    .rest_z = -1000,
};

static const I2CSensorInput lsm303agr_mag = {
    .prefix = "",
    .unit = "nanotesla",
    .limit = 5000000,
};

static void lsm303agr_class_init(ObjectClass *klass, void *data)
{
    I2CSensorClass *sc = I2C_SENSOR_CLASS(klass);

    sc->num_regs = LSM303AGR_NUM_REGS;
    sc->addr_mask = 0x7f;
    sc->irq_name[0] = "int";
}

static void lsm303agr_accel_class_init(ObjectClass *klass, void *data)
{
    I2CSensorClass *sc = I2C_SENSOR_CLASS(klass);

    DEVICE_CLASS(klass)->desc = "ST LSM303AGR accelerometer";
    sc->input[0] = &lsm303agr_accel;
    sc->autoinc_bit = 0x80;
    sc->rate_reg = A_CTRL_REG1;
    sc->writable = lsm303agr_accel_writable;
    sc->soft_reset_reg = A_CTRL_REG5;
    sc->soft_reset_bits = A_CTRL5_BOOT;
    sc->who_am_i_reg = A_WHO_AM_I;
    sc->who_am_i = 0x33;
    sc->status_reg = A_STATUS;
    sc->big_endian = lsm303agr_accel_big_endian;
    sc->out_first = A_OUT_X_L;
    sc->out_last = A_OUT_Z_H;
    sc->period_ns = lsm303agr_accel_period_ns;
    sc->output = lsm303agr_accel_output;
    sc->drdy_lines = lsm303agr_accel_drdy_lines;
}

static void lsm303agr_mag_class_init(ObjectClass *klass, void *data)
{
    I2CSensorClass *sc = I2C_SENSOR_CLASS(klass);

    DEVICE_CLASS(klass)->desc = "ST LSM303AGR magnetometer";
    sc->input[0] = &lsm303agr_mag;
    sc->rate_reg = M_CFG_REG_A;
    sc->reset_reg = M_CFG_REG_A;
    sc->reset_value = M_CFG_A_RESET;
    sc->writable = lsm303agr_mag_writable;
    sc->soft_reset_reg = M_CFG_REG_A;
    sc->soft_reset_bits = M_CFG_A_SOFT_RST;
    sc->who_am_i_reg = M_WHO_AM_I;
    sc->who_am_i = 0x40;
    sc->status_reg = M_STATUS;
    sc->big_endian = lsm303agr_mag_big_endian;
    sc->out_first = M_OUT_X_L;
    sc->out_last = M_OUT_Z_H;
    sc->period_ns = lsm303agr_mag_period_ns;
    sc->output = lsm303agr_mag_output;
    sc->sampled = lsm303agr_mag_sampled;
    sc->drdy_lines = lsm303agr_mag_drdy_lines;
}

static const TypeInfo lsm303agr_types[] = {
    {
        .name = TYPE_LSM303AGR,
        .parent = TYPE_I2C_SENSOR,
        .abstract = true,
        .instance_size = sizeof(LSM303AGRState),
        .class_init = lsm303agr_class_init,
    }, {
        .name = TYPE_LSM303AGR_ACCEL,
        .parent = TYPE_LSM303AGR,
        .class_init = lsm303agr_accel_class_init,
    }, {
        .name = TYPE_LSM303AGR_MAG,
        .parent = TYPE_LSM303AGR,
        .class_init = lsm303agr_mag_class_init,
    },
};

DEFINE_TYPES(lsm303agr_types)
