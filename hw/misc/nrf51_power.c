/*
 * nRF51 POWER, CLOCK and MPU
 *
 * Reference: nRF51 Series Reference Manual v3.0, sections 11 (CLOCK),
 * 12 (POWER) and 13 (MPU); nRF51822 Product Specification v3.3,
 * section 8.1 (oscillator start-up times).
 *
 * The three blocks share peripheral ID 0 and one register space.
 *
 * CLOCK: the 16 MHz HFCLK always runs, from the RC oscillator until
 * HFCLKSTART switches it to the crystal.  The 32.768 kHz LFCLK runs
 * only between LFCLKSTART and LFCLKSTOP, from the source LFCLKSRC
 * names when it started.  Starting takes the oscillator's start-up
 * time, then raises HFCLKSTARTED or LFCLKSTARTED; firmware (MakeCode's
 * runtime among it) waits on that or on LFCLKSTAT.  The RTCs see
 * whether the LFCLK runs through the "lfclk" output line.  CAL and
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
#include "hw/arm/nrf51.h"
#include "hw/irq.h"
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

#define EV(reg)             NRF51_EVENT(A_ ## reg)
#define POWER_EVENTS        ((1u << EV(EVENTS_HFCLKSTARTED)) | \
                             (1u << EV(EVENTS_LFCLKSTARTED)) | \
                             (1u << EV(EVENTS_POFWARN)) | \
                             (1u << EV(EVENTS_DONE)) | \
                             (1u << EV(EVENTS_CTTO)))

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

static void nrf51_power_set_lfclk(NRF51PowerState *s, bool running)
{
    if (s->lfclk_running != running) {
        s->lfclk_running = running;
        trace_nrf51_power_lfclk(running, s->lfclksrc_copy);
    }
    qemu_set_irq(s->lfclk_out, running);
}

static void nrf51_power_hfclk_started(void *opaque)
{
    NRF51PowerState *s = opaque;

    s->hfclk_xtal_running = true;
    nrf51_events_fire(&s->events, EV(EVENTS_HFCLKSTARTED));
}

static void nrf51_power_lfclk_started(void *opaque)
{
    NRF51PowerState *s = opaque;

    nrf51_power_set_lfclk(s, true);
    nrf51_events_fire(&s->events, EV(EVENTS_LFCLKSTARTED));
}

static void nrf51_power_cal_done(void *opaque)
{
    NRF51PowerState *s = opaque;

    nrf51_events_fire(&s->events, EV(EVENTS_DONE));
}

static void nrf51_power_ct_timeout(void *opaque)
{
    NRF51PowerState *s = opaque;

    nrf51_events_fire(&s->events, EV(EVENTS_CTTO));
}

static void nrf51_power_task(NRF51PowerState *s, hwaddr offset)
{
    int64_t startup;

    switch (offset) {
    case A_TASKS_HFCLKSTART:
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
    case A_TASKS_HFCLKSTOP:
        s->hfclk_xtal_started = false;
        s->hfclk_xtal_running = false;
        timer_del(s->hfclk_timer);
        break;
    case A_TASKS_LFCLKSTART:
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
    case A_TASKS_LFCLKSTOP:
        s->lfclk_started = false;
        timer_del(s->lfclk_timer);
        nrf51_power_set_lfclk(s, false);
        break;
    case A_TASKS_CAL:
        timer_mod(s->cal_timer, now_ns() + CAL_DURATION_NS);
        break;
    case A_TASKS_CTSTART:
        timer_mod(s->ct_timer, now_ns() + (s->ctiv & 0x7f) * CTIV_UNIT_NS);
        break;
    case A_TASKS_CTSTOP:
        timer_del(s->ct_timer);
        break;
    case A_TASKS_CONSTLAT:
    case A_TASKS_LOWPWR:
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

static uint64_t nrf51_power_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51PowerState *s = opaque;
    uint64_t r;

    if (nrf51_events_claims(&s->events, offset)) {
        return nrf51_events_read(&s->events, offset);
    }

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
    case A_TASKS_HFCLKSTART ... A_TASKS_CTSTOP:
    case A_TASKS_CONSTLAT:
    case A_TASKS_LOWPWR:
    case A_SYSTEMOFF:
    case A_DCDCFORCE:
    case A_UNDOC514:
        r = 0;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        r = 0;
        break;
    }

    trace_nrf51_power_read(offset, r);
    return r;
}

static void nrf51_power_write(void *opaque, hwaddr offset, uint64_t value,
                              unsigned size)
{
    NRF51PowerState *s = opaque;

    trace_nrf51_power_write(offset, value);

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }

    switch (offset) {
    case A_TASKS_HFCLKSTART ... A_TASKS_CTSTOP:
    case A_TASKS_CONSTLAT:
    case A_TASKS_LOWPWR:
        if (value & 1) {
            nrf51_power_task(s, offset);
        }
        break;
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
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        break;
    }
}

static const MemoryRegionOps nrf51_power_ops = {
    .read = nrf51_power_read,
    .write = nrf51_power_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

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

static void nrf51_power_reset_enter(Object *obj, ResetType type)
{
    NRF51PowerState *s = NRF51_POWER(obj);

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

    nrf51_events_reset(&s->events);
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

static void nrf51_power_reset_hold(Object *obj, ResetType type)
{
    NRF51PowerState *s = NRF51_POWER(obj);

    nrf51_events_update_irq(&s->events);
    qemu_set_irq(s->lfclk_out, false);
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

    /* Leaving System OFF through DETECT is a wake-up from suspend */
    qemu_register_wakeup_support();
    qemu_system_wakeup_enable(QEMU_WAKEUP_REASON_OTHER, true);
}

static void nrf51_power_init(Object *obj)
{
    NRF51PowerState *s = NRF51_POWER(obj);
    DeviceState *dev = DEVICE(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_power_ops, s,
                          TYPE_NRF51_POWER, NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    nrf51_events_init(&s->events, dev, POWER_EVENTS);
    qdev_init_gpio_in_named(dev, nrf51_power_sysresetreq,
                            NRF51_POWER_SYSRESETREQ, 1);
    qdev_init_gpio_in_named(dev, nrf51_power_watchdog,
                            NRF51_POWER_WATCHDOG, 1);
    qdev_init_gpio_in_named(dev, nrf51_power_wake, NRF51_POWER_WAKE, 1);
    qdev_init_gpio_out_named(dev, &s->lfclk_out, NRF51_POWER_LFCLK, 1);
}

static int nrf51_power_post_load(void *opaque, int version_id)
{
    NRF51PowerState *s = opaque;

    qemu_set_irq(s->lfclk_out, s->lfclk_running);
    return 0;
}

static const VMStateDescription vmstate_nrf51_power = {
    .name = TYPE_NRF51_POWER,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_power_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF51_EVENTS(events, NRF51PowerState),
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
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_power_realize;
    dc->desc = "nRF51 POWER, CLOCK and MPU";
    dc->vmsd = &vmstate_nrf51_power;
    rc->phases.enter = nrf51_power_reset_enter;
    rc->phases.hold = nrf51_power_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_power_types[] = {
    {
        .name = TYPE_NRF51_POWER,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51PowerState),
        .instance_init = nrf51_power_init,
        .class_init = nrf51_power_class_init,
    },
};

DEFINE_TYPES(nrf51_power_types)
