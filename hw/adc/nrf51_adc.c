/*
 * nRF51 analog-to-digital converter (ADC)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 31 (ADC);
 * nRF51822 Product Specification v3.3, section 8.12 (timing).
 *
 * One conversion per START, of the input CONFIG selects: an analog pin
 * (PSEL, one-hot AIN0-AIN7) scaled by 1, 2/3 or 1/3, or the supply
 * scaled by 2/3 or 1/3 (INPSEL); against the 1.2 V band gap, half or a
 * third of the supply, or an external reference (REFSEL); in 8, 9 or
 * 10 bits (RES).  BUSY is set for the conversion time (20, 36 or 68 us)
 * and END follows with the value in RESULT.
 *
 * The voltages come from the board: "ain0" ... "ain7" and "vdd", in
 * millivolts, sampled when a conversion starts.  The external
 * references AREF0/AREF1 are not connected on the micro:bit and read as
 * 1.2 V.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/adc/nrf51_adc.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_START, 0x000)
REG32(TASKS_STOP, 0x004)
REG32(EVENTS_END, 0x100)
REG32(BUSY, 0x400)
REG32(ENABLE, 0x500)
REG32(CONFIG, 0x504)
    FIELD(CONFIG, RES, 0, 2)
    FIELD(CONFIG, INPSEL, 2, 3)
    FIELD(CONFIG, REFSEL, 5, 2)
    FIELD(CONFIG, PSEL, 8, 8)
    FIELD(CONFIG, EXTREFSEL, 16, 2)
REG32(RESULT, 0x508)

#define EV_END              NRF_EVENT(A_EVENTS_END)
#define CONFIG_MASK         (R_CONFIG_RES_MASK | R_CONFIG_INPSEL_MASK | \
                             R_CONFIG_REFSEL_MASK | R_CONFIG_PSEL_MASK | \
                             R_CONFIG_EXTREFSEL_MASK)
#define VBG_MV              1200
#define MAX_MV              3600

enum {
    INPSEL_AIN_1 = 0,
    INPSEL_AIN_2_3 = 1,
    INPSEL_AIN_1_3 = 2,
    INPSEL_VDD_2_3 = 5,
    INPSEL_VDD_1_3 = 6,
};

enum {
    REFSEL_VBG = 0,
    REFSEL_EXTERNAL = 1,
    REFSEL_VDD_1_2 = 2,
    REFSEL_VDD_1_3 = 3,
};

static unsigned nrf51_adc_bits(NRF51ADCState *s)
{
    return 8 + MIN(FIELD_EX32(s->config, CONFIG, RES), 2);
}

/* Conversion times for 8, 9 and 10 bits */
static int64_t nrf51_adc_conversion_ns(NRF51ADCState *s)
{
    static const int64_t us[] = { 20, 36, 68 };

    return us[nrf51_adc_bits(s) - 8] * SCALE_US;
}

static uint32_t nrf51_adc_convert(NRF51ADCState *s)
{
    unsigned psel = FIELD_EX32(s->config, CONFIG, PSEL);
    uint64_t vin_num, ref_num;
    uint32_t max = (1u << nrf51_adc_bits(s)) - 1;
    uint32_t ain = 0;
    uint64_t r;

    if (psel) {
        if (psel & (psel - 1)) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: PSEL 0x%02x selects several inputs\n",
                          __func__, psel);
        }
        ain = s->ain_mv[ctz32(psel)];
    }

    /* Input and reference as fractions over 6 (1, 2/3, 1/2, 1/3) */
    switch (FIELD_EX32(s->config, CONFIG, INPSEL)) {
    case INPSEL_AIN_1:
        vin_num = ain * 6;
        break;
    case INPSEL_AIN_2_3:
        vin_num = ain * 4;
        break;
    case INPSEL_AIN_1_3:
        vin_num = ain * 2;
        break;
    case INPSEL_VDD_2_3:
        vin_num = s->vdd_mv * 4;
        break;
    case INPSEL_VDD_1_3:
        vin_num = s->vdd_mv * 2;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: reserved INPSEL\n", __func__);
        vin_num = 0;
        break;
    }
    switch (FIELD_EX32(s->config, CONFIG, REFSEL)) {
    case REFSEL_VDD_1_2:
        ref_num = s->vdd_mv * 3;
        break;
    case REFSEL_VDD_1_3:
        ref_num = s->vdd_mv * 2;
        break;
    default:
        ref_num = VBG_MV * 6;
        break;
    }

    r = (vin_num * max + ref_num / 2) / ref_num;
    return MIN(r, max);
}

static void nrf51_adc_done(void *opaque)
{
    NRF51ADCState *s = opaque;

    s->busy = false;
    trace_nrf51_adc_result(s->result);
    nrf_peripheral_event(&s->parent_obj, EV_END);
}

static void nrf51_adc_task(NRFPeripheralState *p, unsigned n)
{
    NRF51ADCState *s = container_of(p, NRF51ADCState, parent_obj);

    switch (n) {
    case NRF_TASK(A_TASKS_START):
        if (!(s->enable & 1)) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: START while disabled\n",
                          __func__);
            break;
        }
        /* The input is sampled as the conversion starts */
        s->result = nrf51_adc_convert(s);
        s->busy = true;
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  nrf51_adc_conversion_ns(s));
        break;
    case NRF_TASK(A_TASKS_STOP):
        s->busy = false;
        timer_del(s->timer);
        break;
    }
}

static uint64_t nrf51_adc_read(NRFPeripheralState *p, hwaddr offset,
                               unsigned size)
{
    NRF51ADCState *s = container_of(p, NRF51ADCState, parent_obj);

    switch (offset) {
    case A_BUSY:
        return s->busy;
    case A_ENABLE:
        return s->enable;
    case A_CONFIG:
        return s->config;
    case A_RESULT:
        return s->result;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        return 0;
    }
}

static void nrf51_adc_write(NRFPeripheralState *p, hwaddr offset,
                            uint64_t value, unsigned size)
{
    NRF51ADCState *s = container_of(p, NRF51ADCState, parent_obj);

    switch (offset) {
    case A_ENABLE:
        s->enable = value & 3;
        break;
    case A_CONFIG:
        s->config = value & CONFIG_MASK;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_adc_get_mv(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    visit_type_uint32(v, name, opaque, errp);
}

static void nrf51_adc_set_mv(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    uint32_t *mv = opaque;
    uint32_t value;

    if (!visit_type_uint32(v, name, &value, errp)) {
        return;
    }
    if (value > MAX_MV) {
        error_setg(errp, "%s must be 0 to %u millivolts", name, MAX_MV);
        return;
    }
    *mv = value;
}

static void nrf51_adc_reset(NRFPeripheralState *p)
{
    NRF51ADCState *s = container_of(p, NRF51ADCState, parent_obj);

    timer_del(s->timer);
    s->busy = false;
    s->enable = 0;
    s->config = 0x00000018;     /* 8 bits, AIN 1/3, VBG */
    s->result = 0;
}

static void nrf51_adc_realize(DeviceState *dev, Error **errp)
{
    NRF51ADCState *s = NRF51_ADC(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_adc_done, s);
}

static void nrf51_adc_init(Object *obj)
{
    NRF51ADCState *s = NRF51_ADC(obj);
    int i;

    s->vdd_mv = 3300;
    object_property_add(obj, "vdd", "uint32", nrf51_adc_get_mv,
                        nrf51_adc_set_mv, NULL, &s->vdd_mv);
    for (i = 0; i < NRF51_ADC_INPUTS; i++) {
        g_autofree char *name = g_strdup_printf("ain%d", i);

        object_property_add(obj, name, "uint32", nrf51_adc_get_mv,
                            nrf51_adc_set_mv, NULL, &s->ain_mv[i]);
    }
}

static const VMStateDescription vmstate_nrf51_adc = {
    .name = TYPE_NRF51_ADC,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51ADCState),
        VMSTATE_TIMER_PTR(timer, NRF51ADCState),
        VMSTATE_UINT32_ARRAY(ain_mv, NRF51ADCState, NRF51_ADC_INPUTS),
        VMSTATE_UINT32(vdd_mv, NRF51ADCState),
        VMSTATE_BOOL(busy, NRF51ADCState),
        VMSTATE_UINT32(enable, NRF51ADCState),
        VMSTATE_UINT32(config, NRF51ADCState),
        VMSTATE_UINT32(result, NRF51ADCState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_adc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_ADC;
    pc->tasks = BIT(NRF_TASK(A_TASKS_START)) | BIT(NRF_TASK(A_TASKS_STOP));
    pc->events = BIT(EV_END);
    pc->has_power = true;
    pc->task = nrf51_adc_task;
    pc->read = nrf51_adc_read;
    pc->write = nrf51_adc_write;
    pc->reset = nrf51_adc_reset;
    dc->realize = nrf51_adc_realize;
    dc->desc = "nRF51 ADC";
    dc->vmsd = &vmstate_nrf51_adc;
}

static const TypeInfo nrf51_adc_types[] = {
    {
        .name = TYPE_NRF51_ADC,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51ADCState),
        .instance_init = nrf51_adc_init,
        .class_init = nrf51_adc_class_init,
    },
};

DEFINE_TYPES(nrf51_adc_types)
