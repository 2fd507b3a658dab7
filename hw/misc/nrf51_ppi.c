/*
 * nRF51 programmable peripheral interconnect (PPI)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 16 (PPI).
 *
 * A channel connects an event to a task: when the event register named
 * by its EEP is raised, the task register named by its TEP is
 * triggered, with no CPU involved.  Channels 0-15 are programmable;
 * channels 20-31 are wired in the factory (table below).  CHEN enables
 * channels; four channel groups (CHG[n]) can be enabled and disabled
 * at once by the CHG[n].EN and CHG[n].DIS tasks, which are themselves
 * tasks a channel can trigger.
 *
 * Every peripheral signals its events on GPIO lines to this block, so
 * that no event-task pair is special: the PPI matches the event's
 * register address against EEP, and triggers a task by writing 1 to
 * the TEP address on the bus, as the hardware does.  A chain of
 * events and tasks that feeds back on itself is cut after a few
 * steps, so a guest cannot make QEMU recurse without bound.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "hw/misc/nrf51_ppi.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "exec/address-spaces.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_CHG0_EN, 0x000)
REG32(TASKS_CHG3_DIS, 0x01c)
REG32(CHEN, 0x500)
REG32(CHENSET, 0x504)
REG32(CHENCLR, 0x508)
REG32(CH0_EEP, 0x510)
REG32(CH15_TEP, 0x58c)
REG32(CHG0, 0x800)
REG32(CHG3, 0x80c)

/* Channels 16-19 do not exist */
#define PPI_CHANNELS_MASK   0xfff0ffff
#define PPI_MAX_DEPTH       8

/* The pre-programmed channels 20-31: event and task addresses */
static const struct {
    uint32_t eep;
    uint32_t tep;
} nrf51_ppi_fixed[12] = {
    { 0x40008140, 0x40001000 },     /* TIMER0 COMPARE[0] -> RADIO TXEN */
    { 0x40008140, 0x40001004 },     /* TIMER0 COMPARE[0] -> RADIO RXEN */
    { 0x40008144, 0x40001010 },     /* TIMER0 COMPARE[1] -> RADIO DISABLE */
    { 0x40001128, 0x4000f000 },     /* RADIO BCMATCH -> AAR START */
    { 0x40001100, 0x4000f000 },     /* RADIO READY -> CCM KSGEN */
    { 0x40001104, 0x4000f004 },     /* RADIO ADDRESS -> CCM CRYPT */
    { 0x40001104, 0x40008044 },     /* RADIO ADDRESS -> TIMER0 CAPTURE[1] */
    { 0x4000110c, 0x40008048 },     /* RADIO END -> TIMER0 CAPTURE[2] */
    { 0x4000b140, 0x40001000 },     /* RTC0 COMPARE[0] -> RADIO TXEN */
    { 0x4000b140, 0x40001004 },     /* RTC0 COMPARE[0] -> RADIO RXEN */
    { 0x4000b140, 0x4000800c },     /* RTC0 COMPARE[0] -> TIMER0 CLEAR */
    { 0x4000b140, 0x40008000 },     /* RTC0 COMPARE[0] -> TIMER0 START */
};

#define PPI_FIRST_FIXED     20

static uint32_t nrf51_ppi_eep(NRF51PPIState *s, unsigned ch)
{
    return ch < NRF51_PPI_PROG_CHANNELS ? s->eep[ch] :
           nrf51_ppi_fixed[ch - PPI_FIRST_FIXED].eep;
}

static uint32_t nrf51_ppi_tep(NRF51PPIState *s, unsigned ch)
{
    return ch < NRF51_PPI_PROG_CHANNELS ? s->tep[ch] :
           nrf51_ppi_fixed[ch - PPI_FIRST_FIXED].tep;
}

/*
 * Recompute which events each peripheral has routed to a channel, and
 * (if @notify) let the peripherals re-arm their timers for it.
 */
static void nrf51_ppi_compute_routes(NRF51PPIState *s, bool notify)
{
    uint32_t routed[ARRAY_SIZE(s->sources)] = { 0 };
    unsigned ch, id;

    for (ch = 0; ch < NRF51_PPI_CHANNELS; ch++) {
        uint32_t eep, off;

        if (!(s->chen & (1u << ch))) {
            continue;
        }
        eep = nrf51_ppi_eep(s, ch);
        if (eep < NRF51_PERIPHERAL_BASE) {
            continue;
        }
        id = (eep - NRF51_PERIPHERAL_BASE) / NRF51_PERIPHERAL_SIZE;
        off = (eep - NRF51_PERIPHERAL_BASE) % NRF51_PERIPHERAL_SIZE;
        if (id < ARRAY_SIZE(s->sources) && off >= NRF51_EVENTS_BASE &&
            off < NRF51_EVENTS_END && !(off & 3)) {
            routed[id] |= 1u << NRF51_EVENT(off);
        }
    }
    for (id = 0; id < ARRAY_SIZE(s->sources); id++) {
        NRF51Events *e = s->sources[id];

        if (e && e->routed != routed[id]) {
            e->routed = routed[id];
            if (notify && e->routed_changed) {
                e->routed_changed(e->opaque);
            }
        }
    }
}

static void nrf51_ppi_update_routes(NRF51PPIState *s)
{
    nrf51_ppi_compute_routes(s, true);
}

void nrf51_ppi_set_source(NRF51PPIState *s, unsigned id, NRF51Events *e)
{
    assert(id < ARRAY_SIZE(s->sources));
    s->sources[id] = e;
}

static void nrf51_ppi_event(void *opaque, int line, int level)
{
    NRF51PPIState *s = opaque;
    uint32_t addr = NRF51_PERIPHERAL_ADDR(line / NRF51_MAX_EVENTS) +
                    NRF51_EVENTS_BASE + 4 * (line % NRF51_MAX_EVENTS);
    uint32_t one = cpu_to_le32(1);
    uint32_t chen = s->chen;
    unsigned ch;

    if (!level || !chen) {
        return;
    }
    if (s->depth >= PPI_MAX_DEPTH) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: event 0x%08x dropped: channels loop on "
                      "themselves\n", __func__, addr);
        return;
    }

    s->depth++;
    for (ch = 0; ch < NRF51_PPI_CHANNELS; ch++) {
        uint32_t tep;

        if (!(chen & (1u << ch)) || nrf51_ppi_eep(s, ch) != addr) {
            continue;
        }
        tep = nrf51_ppi_tep(s, ch);
        trace_nrf51_ppi_trigger(ch, addr, tep);
        if (address_space_write(s->as, tep, MEMTXATTRS_UNSPECIFIED, &one,
                                4) != MEMTX_OK) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: channel %u: no task at 0x%08x\n",
                          __func__, ch, tep);
        }
    }
    s->depth--;
}

static uint64_t nrf51_ppi_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51PPIState *s = opaque;
    uint64_t r;

    switch (offset) {
    case A_TASKS_CHG0_EN ... A_TASKS_CHG3_DIS:
        r = 0;
        break;
    case A_CHEN:
    case A_CHENSET:
    case A_CHENCLR:
        r = s->chen;
        break;
    case A_CH0_EEP ... A_CH15_TEP:
        if (offset & 4) {
            r = s->tep[(offset - A_CH0_EEP) / 8];
        } else {
            r = s->eep[(offset - A_CH0_EEP) / 8];
        }
        break;
    case A_CHG0 ... A_CHG3:
        r = s->chg[(offset - A_CHG0) / 4];
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        r = 0;
        break;
    }

    trace_nrf51_ppi_read(offset, r);
    return r;
}

static void nrf51_ppi_write(void *opaque, hwaddr offset, uint64_t value,
                            unsigned size)
{
    NRF51PPIState *s = opaque;
    unsigned group;

    trace_nrf51_ppi_write(offset, value);

    switch (offset) {
    case A_TASKS_CHG0_EN ... A_TASKS_CHG3_DIS:
        if (value & 1) {
            group = offset / 8;
            if (offset & 4) {
                s->chen &= ~s->chg[group];
            } else {
                s->chen |= s->chg[group];
            }
        }
        break;
    case A_CHEN:
        s->chen = value & PPI_CHANNELS_MASK;
        break;
    case A_CHENSET:
        s->chen |= value & PPI_CHANNELS_MASK;
        break;
    case A_CHENCLR:
        s->chen &= ~value;
        break;
    case A_CH0_EEP ... A_CH15_TEP:
        if (offset & 4) {
            s->tep[(offset - A_CH0_EEP) / 8] = value;
        } else {
            s->eep[(offset - A_CH0_EEP) / 8] = value;
        }
        break;
    case A_CHG0 ... A_CHG3:
        s->chg[(offset - A_CHG0) / 4] = value & PPI_CHANNELS_MASK;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return;
    }
    nrf51_ppi_update_routes(s);
}

static const MemoryRegionOps nrf51_ppi_ops = {
    .read = nrf51_ppi_read,
    .write = nrf51_ppi_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_ppi_reset_enter(Object *obj, ResetType type)
{
    NRF51PPIState *s = NRF51_PPI(obj);

    s->chen = 0;
    memset(s->eep, 0, sizeof(s->eep));
    memset(s->tep, 0, sizeof(s->tep));
    memset(s->chg, 0, sizeof(s->chg));
}

static void nrf51_ppi_reset_hold(Object *obj, ResetType type)
{
    nrf51_ppi_update_routes(NRF51_PPI(obj));
}

static int nrf51_ppi_post_load(void *opaque, int version_id)
{
    /*
     * The peripherals' own saved state (timers armed or not) already
     * matches these routes, and may not be loaded yet: only restore the
     * masks.
     */
    nrf51_ppi_compute_routes(NRF51_PPI(opaque), false);
    return 0;
}

static void nrf51_ppi_realize(DeviceState *dev, Error **errp)
{
    NRF51PPIState *s = NRF51_PPI(dev);

    if (!s->downstream) {
        error_setg(errp, "memory link not set");
        return;
    }
    s->as = g_new0(AddressSpace, 1);
    address_space_init(s->as, s->downstream, "nrf51-ppi");
}

static void nrf51_ppi_init(Object *obj)
{
    NRF51PPIState *s = NRF51_PPI(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_ppi_ops, s, TYPE_NRF51_PPI,
                          NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    qdev_init_gpio_in_named(DEVICE(obj), nrf51_ppi_event, NRF51_EVENT_GPIO,
                            NRF51_PPI_EVENT_LINES);
}

static const VMStateDescription vmstate_nrf51_ppi = {
    .name = TYPE_NRF51_PPI,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_ppi_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(chen, NRF51PPIState),
        VMSTATE_UINT32_ARRAY(eep, NRF51PPIState, NRF51_PPI_PROG_CHANNELS),
        VMSTATE_UINT32_ARRAY(tep, NRF51PPIState, NRF51_PPI_PROG_CHANNELS),
        VMSTATE_UINT32_ARRAY(chg, NRF51PPIState, NRF51_PPI_GROUPS),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_ppi_properties[] = {
    DEFINE_PROP_LINK("memory", NRF51PPIState, downstream, TYPE_MEMORY_REGION,
                     MemoryRegion *),
};

static void nrf51_ppi_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_ppi_realize;
    dc->desc = "nRF51 programmable peripheral interconnect";
    dc->vmsd = &vmstate_nrf51_ppi;
    device_class_set_props(dc, nrf51_ppi_properties);
    rc->phases.enter = nrf51_ppi_reset_enter;
    rc->phases.hold = nrf51_ppi_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_ppi_types[] = {
    {
        .name = TYPE_NRF51_PPI,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51PPIState),
        .instance_init = nrf51_ppi_init,
        .class_init = nrf51_ppi_class_init,
    },
};

DEFINE_TYPES(nrf51_ppi_types)
