/*
 * nRF51 POWER, CLOCK and MPU
 *
 * Reference: nRF51 Series Reference Manual v3.0, sections 11 (CLOCK),
 * 12 (POWER) and 13 (MPU); nRF51822 Product Specification v3.3,
 * section 8.1 (oscillator start-up times).
 *
 * The three blocks share peripheral ID 0 and one register space.
 *
 * CLOCK: the 16 MHz HFCLK always runs, from the RC oscillator (which
 * runs whenever something needs the HFCLK) until HFCLKSTART switches it
 * to the crystal.  The 32.768 kHz LFCLK runs only between LFCLKSTART
 * and LFCLKSTOP, from the source LFCLKSRC names when it started.
 * Starting takes the oscillator's start-up time, then raises
 * HFCLKSTARTED or LFCLKSTARTED; firmware (MakeCode's runtime among it)
 * waits on that or on LFCLKSTAT.  The two clocks are the Clock outputs
 * "hfclk" (16 MHz, always) and "lfclk" (32768 Hz from LFCLKSTARTED to
 * LFCLKSTOP, stopped, 0 Hz, otherwise), which the SoC gives to the
 * peripherals; the RTCs count only while the LFCLK runs.  CAL and
 * CTSTART/CTSTOP model the RC calibration and its timer by their
 * timing alone.
 *
 * POWER: RESETREAS accumulates the causes of resets until firmware
 * clears them: a soft reset requested through the NVIC (SREQ), the
 * watchdog (DOG), a wake from System OFF (OFF), and any other reset
 * after power-on, which is what the reset pin does (RESETPIN).
 * GPREGRET survives every reset but power-on.  SYSTEMOFF turns the
 * chip off: the core stops until the "wake" line (GPIO DETECT) or a
 * reset brings it back through a reset.  RAMON, POFCON, DCDCEN and
 * RESET are stored; the power-failure comparator never fires, as the
 * emulated supply does not fail.
 *
 * MPU: the region and protection registers are stored; flash
 * protection is not enforced.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "hw/misc/nrf51_power.h"
#include "hw/qdev-clock.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "system/runstate.h"
#include "trace.h"

/* CLOCK tasks and events */
REG32(TASKS_HFCLKSTART, 0x000)
REG32(TASKS_HFCLKSTOP, 0x004)
REG32(TASKS_LFCLKSTART, 0x008)
REG32(TASKS_LFCLKSTOP, 0x00c)
REG32(TASKS_CAL, 0x010)
REG32(TASKS_CTSTART, 0x014)
REG32(TASKS_CTSTOP, 0x018)
/* POWER tasks */
REG32(TASKS_CONSTLAT, 0x078)
REG32(TASKS_LOWPWR, 0x07c)
REG32(EVENTS_HFCLKSTARTED, 0x100)
REG32(EVENTS_LFCLKSTARTED, 0x104)
REG32(EVENTS_POFWARN, 0x108)
REG32(EVENTS_DONE, 0x10c)
REG32(EVENTS_CTTO, 0x110)
REG32(RESETREAS, 0x400)
REG32(HFCLKRUN, 0x408)
REG32(HFCLKSTAT, 0x40c)
    FIELD(CLKSTAT, SRC, 0, 2)
    FIELD(CLKSTAT, STATE, 16, 1)
REG32(LFCLKRUN, 0x414)
REG32(LFCLKSTAT, 0x418)
REG32(LFCLKSRCCOPY, 0x41c)
REG32(RAMSTATUS, 0x428)
REG32(SYSTEMOFF, 0x500)
REG32(POFCON, 0x510)
/* Undocumented; written by Nordic's SoftDevice */
REG32(UNDOC514, 0x514)
REG32(LFCLKSRC, 0x518)
REG32(GPREGRET, 0x51c)
REG32(RAMON, 0x524)
REG32(PERR0, 0x528)
REG32(RLENR0, 0x52c)
REG32(CTIV, 0x538)
REG32(RESET, 0x544)
REG32(XTALFREQ, 0x550)
REG32(RAMONB, 0x554)
REG32(DCDCEN, 0x578)
REG32(PROTENSET0, 0x600)
REG32(PROTENSET1, 0x604)
REG32(DISABLEINDEBUG, 0x608)
REG32(PROTBLOCKSIZE, 0x60c)
REG32(DCDCFORCE, 0xa08)

#define EV(reg)             NRF_EVENT(A_ ## reg)
#define TASK(reg)           NRF_TASK(A_ ## reg)
#define POWER_TASKS         (BIT(TASK(TASKS_HFCLKSTART)) | \
                             BIT(TASK(TASKS_HFCLKSTOP)) | \
                             BIT(TASK(TASKS_LFCLKSTART)) | \
                             BIT(TASK(TASKS_LFCLKSTOP)) | \
                             BIT(TASK(TASKS_CAL)) | \
                             BIT(TASK(TASKS_CTSTART)) | \
                             BIT(TASK(TASKS_CTSTOP)) | \
                             BIT(TASK(TASKS_CONSTLAT)) | \
                             BIT(TASK(TASKS_LOWPWR)))
#define POWER_EVENTS        (BIT(EV(EVENTS_HFCLKSTARTED)) | \
                             BIT(EV(EVENTS_LFCLKSTARTED)) | \
                             BIT(EV(EVENTS_POFWARN)) | \
                             BIT(EV(EVENTS_DONE)) | \
                             BIT(EV(EVENTS_CTTO)))

enum {
    LFCLKSRC_RC = 0,
    LFCLKSRC_XTAL = 1,
    LFCLKSRC_SYNTH = 2,
};

/* Start-up times (Product Specification, tables 21-27) */
#define HFXO_STARTUP_NS     (800 * SCALE_US)
#define LFRC_STARTUP_NS     (600 * SCALE_US)
#define LFXO_STARTUP_NS     (300 * SCALE_MS)
#define LFSYNT_STARTUP_NS   (100 * SCALE_US)
/* One RC calibration, and CTIV's unit */
#define CAL_DURATION_NS     (17 * SCALE_MS)
#define CTIV_UNIT_NS        (250 * SCALE_MS)

#define RESETREAS_MASK      (NRF51_RESETREAS_RESETPIN | \
                             NRF51_RESETREAS_DOG | \
                             NRF51_RESETREAS_SREQ | \
                             NRF51_RESETREAS_LOCKUP | \
                             NRF51_RESETREAS_OFF | (3u << 17))

static int64_t now_ns(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static unsigned nrf51_power_lfclk_hz(NRF51PowerState *s)
{
    return s->lfclk_running ? NRF51_LFCLK_HZ : 0;
}

/* Start or stop the LFCLK, and tell its consumers */
static void nrf51_power_set_lfclk(NRF51PowerState *s, bool running)
{
    if (s->lfclk_running != running) {
        s->lfclk_running = running;
        trace_nrf51_power_lfclk(running, s->lfclksrc_copy);
    }
    clock_update_hz(s->lfclk, nrf51_power_lfclk_hz(s));
}

static void nrf51_power_hfclk_started(void *opaque)
{
    NRF51PowerState *s = opaque;

    s->hfclk_xtal_running = true;
    nrf_peripheral_event(&s->parent_obj, EV(EVENTS_HFCLKSTARTED));
}

static void nrf51_power_lfclk_started(void *opaque)
{
    NRF51PowerState *s = opaque;

    nrf51_power_set_lfclk(s, true);
    nrf_peripheral_event(&s->parent_obj, EV(EVENTS_LFCLKSTARTED));
}

static void nrf51_power_cal_done(void *opaque)
{
    NRF51PowerState *s = opaque;

    nrf_peripheral_event(&s->parent_obj, EV(EVENTS_DONE));
}

static void nrf51_power_ct_timeout(void *opaque)
{
    NRF51PowerState *s = opaque;

    nrf_peripheral_event(&s->parent_obj, EV(EVENTS_CTTO));
}

static void nrf51_power_task(NRFPeripheralState *p, unsigned n)
{
    NRF51PowerState *s = container_of(p, NRF51PowerState, parent_obj);
    int64_t startup;

    switch (n) {
    case TASK(TASKS_HFCLKSTART):
        /*
         * Starting a clock that already runs raises its STARTED event
         * again, without stopping it: firmware that clears the event
         * and starts the clock a second time waits for that.
         */
        s->hfclk_xtal_started = true;
        if (!timer_pending(s->hfclk_timer)) {
            timer_mod(s->hfclk_timer, now_ns() +
                      (s->hfclk_xtal_running ? 0 : HFXO_STARTUP_NS));
        }
        break;
    case TASK(TASKS_HFCLKSTOP):
        s->hfclk_xtal_started = false;
        s->hfclk_xtal_running = false;
        timer_del(s->hfclk_timer);
        break;
    case TASK(TASKS_LFCLKSTART):
        s->lfclk_started = true;
        if (timer_pending(s->lfclk_timer)) {
            break;
        }
        if (s->lfclk_running) {
            timer_mod(s->lfclk_timer, now_ns());
            break;
        }
        s->lfclksrc_copy = s->lfclksrc;
        switch (s->lfclksrc) {
        case LFCLKSRC_XTAL:
            startup = LFXO_STARTUP_NS;
            break;
        case LFCLKSRC_SYNTH:
            startup = LFSYNT_STARTUP_NS;
            break;
        default:
            startup = LFRC_STARTUP_NS;
            break;
        }
        timer_mod(s->lfclk_timer, now_ns() + startup);
        break;
    case TASK(TASKS_LFCLKSTOP):
        s->lfclk_started = false;
        timer_del(s->lfclk_timer);
        nrf51_power_set_lfclk(s, false);
        break;
    case TASK(TASKS_CAL):
        timer_mod(s->cal_timer, now_ns() + CAL_DURATION_NS);
        break;
    case TASK(TASKS_CTSTART):
        timer_mod(s->ct_timer, now_ns() + (s->ctiv & 0x7f) * CTIV_UNIT_NS);
        break;
    case TASK(TASKS_CTSTOP):
        timer_del(s->ct_timer);
        break;
    case TASK(TASKS_CONSTLAT):
    case TASK(TASKS_LOWPWR):
        /* Sub-power modes change nothing an emulated program sees */
        break;
    }
}

static void nrf51_power_request_reset(NRF51PowerState *s, uint32_t cause)
{
    s->pending_resetreas |= cause;
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
}

static void nrf51_power_system_off(NRF51PowerState *s)
{
    trace_nrf51_power_system_off();
    s->system_off = true;
    /*
     * The core stops: the chip sits in System OFF until DETECT or a
     * reset wakes it.  QEMU's suspended state pauses the vCPU, and a
     * wake-up from it resets the machine, as leaving System OFF does.
     */
    qemu_system_suspend_request();
}

static uint64_t nrf51_power_read(NRFPeripheralState *p, hwaddr offset,
                                 unsigned size)
{
    NRF51PowerState *s = container_of(p, NRF51PowerState, parent_obj);
    uint64_t r;

    switch (offset) {
    case A_RESETREAS:
        r = s->resetreas;
        break;
    case A_HFCLKRUN:
        r = s->hfclk_xtal_started;
        break;
    case A_HFCLKSTAT:
        /* The HFCLK always runs; the source is the crystal once started */
        r = R_CLKSTAT_STATE_MASK | s->hfclk_xtal_running;
        break;
    case A_LFCLKRUN:
        r = s->lfclk_started;
        break;
    case A_LFCLKSTAT:
        r = s->lfclk_running ?
            R_CLKSTAT_STATE_MASK | s->lfclksrc_copy : 0;
        break;
    case A_LFCLKSRCCOPY:
        r = s->lfclksrc_copy;
        break;
    case A_RAMSTATUS:
        /* Both 8 KiB blocks of the nRF51822-QFAA are on */
        r = 0x3;
        break;
    case A_POFCON:
        r = s->pofcon;
        break;
    case A_LFCLKSRC:
        r = s->lfclksrc;
        break;
    case A_GPREGRET:
        r = s->gpregret;
        break;
    case A_RAMON:
        r = s->ramon;
        break;
    case A_PERR0:
        r = s->perr0;
        break;
    case A_RLENR0:
        r = s->rlenr0;
        break;
    case A_CTIV:
        r = s->ctiv;
        break;
    case A_RESET:
        r = s->reset;
        break;
    case A_XTALFREQ:
        r = s->xtalfreq;
        break;
    case A_RAMONB:
        r = s->ramonb;
        break;
    case A_DCDCEN:
        r = s->dcdcen;
        break;
    case A_PROTENSET0:
    case A_PROTENSET1:
        r = s->protenset[(offset - A_PROTENSET0) / 4];
        break;
    case A_DISABLEINDEBUG:
        r = s->disableindebug;
        break;
    case A_PROTBLOCKSIZE:
        r = 0;  /* 4 KiB */
        break;
    case A_SYSTEMOFF:
    case A_DCDCFORCE:
    case A_UNDOC514:
        r = 0;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        r = 0;
        break;
    }

    trace_nrf51_power_read(offset, r);
    return r;
}

static void nrf51_power_write(NRFPeripheralState *p, hwaddr offset,
                              uint64_t value, unsigned size)
{
    NRF51PowerState *s = container_of(p, NRF51PowerState, parent_obj);

    trace_nrf51_power_write(offset, value);

    switch (offset) {
    case A_RESETREAS:
        s->resetreas &= ~value;
        break;
    case A_SYSTEMOFF:
        if (value & 1) {
            nrf51_power_system_off(s);
        }
        break;
    case A_POFCON:
        s->pofcon = value & 0x7;
        break;
    case A_LFCLKSRC:
        s->lfclksrc = value & 0x3;
        if (s->lfclksrc == 3) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: reserved LFCLKSRC value 3\n", __func__);
        }
        break;
    case A_GPREGRET:
        s->gpregret = value & 0xff;
        break;
    case A_RAMON:
        s->ramon = value & 0x00030003;
        break;
    case A_PERR0:
        s->perr0 = value;
        break;
    case A_RLENR0:
        s->rlenr0 = value;
        break;
    case A_CTIV:
        s->ctiv = value & 0x7f;
        break;
    case A_RESET:
        s->reset = value & 1;
        break;
    case A_XTALFREQ:
        s->xtalfreq = value & 0xff;
        break;
    case A_RAMONB:
        s->ramonb = value & 0x00030003;
        break;
    case A_DCDCEN:
        s->dcdcen = value & 1;
        break;
    case A_PROTENSET0:
    case A_PROTENSET1:
        /* Protection can be set, never cleared, until reset */
        s->protenset[(offset - A_PROTENSET0) / 4] |= value;
        break;
    case A_DISABLEINDEBUG:
        s->disableindebug = value & 1;
        break;
    case A_DCDCFORCE:
    case A_UNDOC514:
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_power_sysresetreq(void *opaque, int n, int level)
{
    if (level) {
        nrf51_power_request_reset(NRF51_POWER(opaque),
                                  NRF51_RESETREAS_SREQ);
    }
}

static void nrf51_power_watchdog(void *opaque, int n, int level)
{
    if (level) {
        nrf51_power_request_reset(NRF51_POWER(opaque), NRF51_RESETREAS_DOG);
    }
}

static void nrf51_power_wake(void *opaque, int n, int level)
{
    NRF51PowerState *s = opaque;

    if (level && s->system_off) {
        trace_nrf51_power_wake();
        s->pending_resetreas |= NRF51_RESETREAS_OFF;
        qemu_system_wakeup_request(QEMU_WAKEUP_REASON_OTHER, NULL);
    }
}

static void nrf51_power_reset(NRFPeripheralState *p)
{
    NRF51PowerState *s = container_of(p, NRF51PowerState, parent_obj);

    if (!s->powered) {
        /* Power-on reset */
        s->powered = true;
        s->resetreas = 0;
        s->gpregret = 0;
    } else if (s->pending_resetreas) {
        s->resetreas |= s->pending_resetreas;
    } else {
        s->resetreas |= NRF51_RESETREAS_RESETPIN;
    }
    s->pending_resetreas = 0;
    s->system_off = false;

    timer_del(s->hfclk_timer);
    timer_del(s->lfclk_timer);
    timer_del(s->cal_timer);
    timer_del(s->ct_timer);
    s->hfclk_xtal_running = false;
    s->hfclk_xtal_started = false;
    s->lfclk_running = false;
    s->lfclk_started = false;
    s->lfclksrc = LFCLKSRC_RC;
    s->lfclksrc_copy = LFCLKSRC_RC;
    s->ctiv = 0;
    s->xtalfreq = 0xff;
    s->pofcon = 0;
    s->ramon = 0x3;
    s->ramonb = 0x3;
    s->reset = 0;
    s->dcdcen = 0;
    s->perr0 = 0;
    s->rlenr0 = 0xffffffff;
    s->protenset[0] = 0;
    s->protenset[1] = 0;
    s->disableindebug = 1;
}

static void nrf51_power_reset_hold(NRFPeripheralState *p)
{
    NRF51PowerState *s = container_of(p, NRF51PowerState, parent_obj);

    /* The LFCLK stopped (lfclk_running is false since the enter phase) */
    clock_update_hz(s->lfclk, nrf51_power_lfclk_hz(s));
}

static void nrf51_power_realize(DeviceState *dev, Error **errp)
{
    NRF51PowerState *s = NRF51_POWER(dev);

    s->hfclk_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL,
                                  nrf51_power_hfclk_started, s);
    s->lfclk_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL,
                                  nrf51_power_lfclk_started, s);
    s->cal_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_power_cal_done, s);
    s->ct_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_power_ct_timeout, s);

    /* The HFCLK always runs, from one oscillator or the other */
    clock_update_hz(s->hfclk, NRF51_HFCLK_HZ);

    /* Leaving System OFF through DETECT is a wake-up from suspend */
    qemu_register_wakeup_support();
    qemu_system_wakeup_enable(QEMU_WAKEUP_REASON_OTHER, true);
}

static void nrf51_power_init(Object *obj)
{
    NRF51PowerState *s = NRF51_POWER(obj);
    DeviceState *dev = DEVICE(obj);

    qdev_init_gpio_in_named(dev, nrf51_power_sysresetreq,
                            NRF51_POWER_SYSRESETREQ, 1);
    qdev_init_gpio_in_named(dev, nrf51_power_watchdog,
                            NRF51_POWER_WATCHDOG, 1);
    qdev_init_gpio_in_named(dev, nrf51_power_wake, NRF51_POWER_WAKE, 1);
    s->hfclk = qdev_init_clock_out(dev, NRF51_POWER_HFCLK);
    s->lfclk = qdev_init_clock_out(dev, NRF51_POWER_LFCLK);
}

static int nrf51_power_post_load(void *opaque, int version_id)
{
    NRF51PowerState *s = opaque;

    /*
     * The output's own frequency follows lfclk_running; the consumers
     * migrated theirs, so nothing is propagated (or signalled) here.
     */
    clock_set_hz(s->lfclk, nrf51_power_lfclk_hz(s));
    return 0;
}

static const VMStateDescription vmstate_nrf51_power = {
    .name = TYPE_NRF51_POWER,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_power_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51PowerState),
        VMSTATE_TIMER_PTR(hfclk_timer, NRF51PowerState),
        VMSTATE_TIMER_PTR(lfclk_timer, NRF51PowerState),
        VMSTATE_TIMER_PTR(cal_timer, NRF51PowerState),
        VMSTATE_TIMER_PTR(ct_timer, NRF51PowerState),
        VMSTATE_BOOL(hfclk_xtal_running, NRF51PowerState),
        VMSTATE_BOOL(hfclk_xtal_started, NRF51PowerState),
        VMSTATE_BOOL(lfclk_running, NRF51PowerState),
        VMSTATE_BOOL(lfclk_started, NRF51PowerState),
        VMSTATE_UINT32(lfclksrc, NRF51PowerState),
        VMSTATE_UINT32(lfclksrc_copy, NRF51PowerState),
        VMSTATE_UINT32(ctiv, NRF51PowerState),
        VMSTATE_UINT32(xtalfreq, NRF51PowerState),
        VMSTATE_UINT32(resetreas, NRF51PowerState),
        VMSTATE_UINT32(pending_resetreas, NRF51PowerState),
        VMSTATE_BOOL(powered, NRF51PowerState),
        VMSTATE_BOOL(system_off, NRF51PowerState),
        VMSTATE_UINT32(pofcon, NRF51PowerState),
        VMSTATE_UINT32(gpregret, NRF51PowerState),
        VMSTATE_UINT32(ramon, NRF51PowerState),
        VMSTATE_UINT32(ramonb, NRF51PowerState),
        VMSTATE_UINT32(reset, NRF51PowerState),
        VMSTATE_UINT32(dcdcen, NRF51PowerState),
        VMSTATE_UINT32(perr0, NRF51PowerState),
        VMSTATE_UINT32(rlenr0, NRF51PowerState),
        VMSTATE_UINT32_ARRAY(protenset, NRF51PowerState, 2),
        VMSTATE_UINT32(disableindebug, NRF51PowerState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_power_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_POWER;
    pc->tasks = POWER_TASKS;
    pc->events = POWER_EVENTS;
    /* No SHORTS, and no POWER register at 0xffc: this block is POWER */
    pc->has_power = false;
    pc->task = nrf51_power_task;
    pc->read = nrf51_power_read;
    pc->write = nrf51_power_write;
    pc->reset = nrf51_power_reset;
    pc->reset_hold = nrf51_power_reset_hold;
    dc->realize = nrf51_power_realize;
    dc->desc = "nRF51 POWER, CLOCK and MPU";
    dc->vmsd = &vmstate_nrf51_power;
}

static const TypeInfo nrf51_power_types[] = {
    {
        .name = TYPE_NRF51_POWER,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51PowerState),
        .instance_init = nrf51_power_init,
        .class_init = nrf51_power_class_init,
    },
};

DEFINE_TYPES(nrf51_power_types)
