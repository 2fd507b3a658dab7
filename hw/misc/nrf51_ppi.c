/*
 * Nordic nRF5 programmable peripheral interconnect (PPI)
 *
 * References: nRF51 Series Reference Manual v3.0, section 16 (PPI);
 * nRF52833 Product Specification v1.7, section 6.16 (PPI).
 *
 * A channel connects an event to a task: when the event register named
 * by its EEP is raised, the task register named by its TEP is
 * triggered, with no CPU involved (and on the nRF52 a second task,
 * FORK[n].TEP).  The first channels are programmable; channels 20-31
 * are wired in the factory (the variant's table).  CHEN enables
 * channels; the channel groups CHG[n] can be enabled and disabled at
 * once by the CHG[n].EN and CHG[n].DIS tasks, which are themselves
 * tasks a channel can trigger.
 *
 * The PPI is a crossbar of qdev lines.  An event register address is
 * 0x40000000 + ID * 0x1000 + 0x100 + 4 * n, and a task register address
 * 0x40000000 + ID * 0x1000 + 4 * n (peripheral ID in address bits
 * 12-17): EEP and TEP are decoded into (ID, n) when written, and the
 * channel joins event line (ID, n) to task line (ID, n).  The PPI also
 * tells each peripheral which of its events a channel listens to, so
 * that a peripheral computing its events lazily knows which it must
 * raise on time.
 *
 * Resolved ambiguities: the manuals say EEP "accepts only addresses to
 * registers from the Event group" and TEP only those from the Task
 * group.  An address outside those groups is stored and reads back,
 * but the channel then does nothing on that side; the write is logged
 * as a guest error.  A chain of events and tasks that feeds back on
 * itself within one instant is cut after a few steps (the hardware
 * would run it once per clock cycle), so a guest cannot make QEMU
 * recurse without bound.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/misc/nrf51_ppi.h"
#include "hw/qdev-core.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(CHEN, 0x500)
REG32(CHENSET, 0x504)
REG32(CHENCLR, 0x508)
REG32(CH0_EEP, 0x510)
REG32(CHG0, 0x800)
REG32(FORK0_TEP, 0x910)

#define PPI_PERIPHERAL_BASE     0x40000000
#define PPI_MAX_DEPTH           8

static NRFPPIClass *nrf_ppi_get_class(NRFPPIState *s)
{
    return (NRFPPIClass *)object_get_class(OBJECT(s));
}

static const NRFPPIVariant *nrf_ppi_variant(NRFPPIState *s)
{
    return nrf_ppi_get_class(s)->variant;
}

/* The channels that exist */
static uint32_t nrf_ppi_channels(const NRFPPIVariant *v)
{
    return MAKE_64BIT_MASK(0, v->prog_channels) |
           MAKE_64BIT_MASK(v->first_fixed, NRF_PPI_CHANNELS - v->first_fixed);
}

/*
 * The line that the register at @addr stands for, if it lies in
 * [@base, @base + 0x80) of a peripheral the PPI connects, or -1
 */
static int nrf_ppi_decode(const NRFPPIVariant *v, uint32_t addr,
                          hwaddr base)
{
    uint32_t id = (addr - PPI_PERIPHERAL_BASE) >> 12;
    uint32_t offset = addr & 0xfff;

    if (addr < PPI_PERIPHERAL_BASE || id >= v->num_ids || (addr & 3) ||
        offset < base || offset >= base + 4 * 32) {
        return -1;
    }
    return NRF_PPI_LINE(id, (offset - base) / 4);
}

/* The line a TEP or FORK.TEP names: a connected task line, or -1 */
static int nrf_ppi_decode_task(NRFPPIState *s, uint32_t tep)
{
    int line = tep ? nrf_ppi_decode(nrf_ppi_variant(s), tep,
                                    NRF_TASKS_BASE) : -1;

    return line >= 0 && s->task_out[line] ? line : -1;
}

/*
 * Recompute the lines of channel @ch from its EEP and TEP; if @log, a
 * register that names no event or task is a guest error
 */
static void nrf_ppi_decode_channel(NRFPPIState *s, unsigned ch, bool log)
{
    const NRFPPIVariant *v = nrf_ppi_variant(s);
    uint32_t eep = s->eep[ch], tep = s->tep[ch];

    if (ch >= v->first_fixed) {
        eep = v->fixed[ch - v->first_fixed].eep;
        tep = v->fixed[ch - v->first_fixed].tep;
    }
    s->event_line[ch] = eep ? nrf_ppi_decode(v, eep, NRF_EVENTS_BASE) : -1;
    s->task_line[ch] = nrf_ppi_decode_task(s, tep);
    s->fork_line[ch] = nrf_ppi_decode_task(s, s->fork_tep[ch]);
    if (!log) {
        return;
    }
    if (eep && s->event_line[ch] < 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "nrf-ppi: channel %u: EEP 0x%08x is "
                      "not an event register\n", ch, eep);
    }
    if (tep && s->task_line[ch] < 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "nrf-ppi: channel %u: TEP 0x%08x is "
                      "not a task register\n", ch, tep);
    }
    if (s->fork_tep[ch] && s->fork_line[ch] < 0) {
        qemu_log_mask(LOG_GUEST_ERROR, "nrf-ppi: channel %u: FORK.TEP "
                      "0x%08x is not a task register\n", ch, s->fork_tep[ch]);
    }
}

/*
 * Recompute which events the enabled channels listen to and, if
 * @drive, tell the peripherals whose set changed
 */
static void nrf_ppi_route(NRFPPIState *s, bool drive)
{
    const NRFPPIVariant *v = nrf_ppi_variant(s);
    uint32_t routed[NRF_PPI_MAX_IDS] = { 0 };
    unsigned ch, id, n;

    for (ch = 0; ch < NRF_PPI_CHANNELS; ch++) {
        int line = s->event_line[ch];

        if ((s->chen & (1u << ch)) && line >= 0) {
            routed[line / 32] |= 1u << (line % 32);
        }
    }
    for (id = 0; id < v->num_ids; id++) {
        uint32_t changed = routed[id] ^ s->routed[id];

        s->routed[id] = routed[id];
        for (n = 0; drive && changed; n++, changed >>= 1) {
            if (changed & 1) {
                qemu_set_irq(s->routed_out[NRF_PPI_LINE(id, n)],
                             (routed[id] >> n) & 1);
            }
        }
    }
}

static void nrf_ppi_event_in(void *opaque, int line, int level)
{
    NRFPPIState *s = opaque;
    uint32_t chen = s->chen;
    unsigned ch;

    if (!level || !chen || !(s->routed[line / 32] & (1u << (line % 32)))) {
        return;
    }
    if (s->depth >= PPI_MAX_DEPTH) {
        qemu_log_mask(LOG_GUEST_ERROR, "nrf-ppi: event %u of peripheral %u "
                      "dropped: channels loop on themselves\n",
                      line % 32, line / 32);
        return;
    }

    s->depth++;
    for (ch = 0; ch < NRF_PPI_CHANNELS; ch++) {
        if (!(chen & (1u << ch)) || s->event_line[ch] != line) {
            continue;
        }
        trace_nrf_ppi_trigger(ch, line, s->task_line[ch], s->fork_line[ch]);
        if (s->task_line[ch] >= 0) {
            qemu_irq_pulse(s->task_out[s->task_line[ch]]);
        }
        if (s->fork_line[ch] >= 0) {
            qemu_irq_pulse(s->task_out[s->fork_line[ch]]);
        }
    }
    s->depth--;
}

/* Tasks 2n and 2n + 1: CHG[n].EN and CHG[n].DIS */
static void nrf_ppi_task(NRFPeripheralState *p, unsigned n)
{
    NRFPPIState *s = container_of(p, NRFPPIState, parent_obj);

    if (n & 1) {
        s->chen &= ~s->chg[n / 2];
    } else {
        s->chen |= s->chg[n / 2];
    }
    nrf_ppi_route(s, true);
}

static uint64_t nrf_ppi_read(NRFPeripheralState *p, hwaddr offset,
                             unsigned size)
{
    NRFPPIState *s = container_of(p, NRFPPIState, parent_obj);
    const NRFPPIVariant *v = nrf_ppi_variant(s);
    uint64_t r;

    switch (offset) {
    case A_CHEN:
    case A_CHENSET:
    case A_CHENCLR:
        r = s->chen;
        break;
    case A_CH0_EEP ... A_CH0_EEP + 8 * NRF_PPI_CHANNELS - 1:
        if ((offset - A_CH0_EEP) / 8 >= v->prog_channels) {
            goto bad;
        }
        r = (offset & 4 ? s->tep : s->eep)[(offset - A_CH0_EEP) / 8];
        break;
    case A_CHG0 ... A_CHG0 + 4 * NRF_PPI_MAX_GROUPS - 1:
        if ((offset - A_CHG0) / 4 >= v->groups) {
            goto bad;
        }
        r = s->chg[(offset - A_CHG0) / 4];
        break;
    case A_FORK0_TEP ... A_FORK0_TEP + 4 * NRF_PPI_CHANNELS - 1:
        if (!v->fork) {
            goto bad;
        }
        r = s->fork_tep[(offset - A_FORK0_TEP) / 4];
        break;
    default:
        goto bad;
    }
    trace_nrf_ppi_read(offset, r);
    return r;

bad:
    nrf_peripheral_bad_offset(p, offset, false);
    return 0;
}

static void nrf_ppi_write(NRFPeripheralState *p, hwaddr offset,
                          uint64_t value, unsigned size)
{
    NRFPPIState *s = container_of(p, NRFPPIState, parent_obj);
    const NRFPPIVariant *v = nrf_ppi_variant(s);
    uint32_t channels = nrf_ppi_channels(v);
    unsigned ch;

    trace_nrf_ppi_write(offset, value);

    switch (offset) {
    case A_CHEN:
        s->chen = value & channels;
        break;
    case A_CHENSET:
        s->chen |= value & channels;
        break;
    case A_CHENCLR:
        s->chen &= ~value;
        break;
    case A_CH0_EEP ... A_CH0_EEP + 8 * NRF_PPI_CHANNELS - 1:
        ch = (offset - A_CH0_EEP) / 8;
        if (ch >= v->prog_channels) {
            goto bad;
        }
        (offset & 4 ? s->tep : s->eep)[ch] = value;
        nrf_ppi_decode_channel(s, ch, true);
        break;
    case A_CHG0 ... A_CHG0 + 4 * NRF_PPI_MAX_GROUPS - 1:
        if ((offset - A_CHG0) / 4 >= v->groups) {
            goto bad;
        }
        s->chg[(offset - A_CHG0) / 4] = value & channels;
        return;
    case A_FORK0_TEP ... A_FORK0_TEP + 4 * NRF_PPI_CHANNELS - 1:
        if (!v->fork) {
            goto bad;
        }
        ch = (offset - A_FORK0_TEP) / 4;
        s->fork_tep[ch] = value;
        nrf_ppi_decode_channel(s, ch, true);
        return;
    default:
        goto bad;
    }
    nrf_ppi_route(s, true);
    return;

bad:
    nrf_peripheral_bad_offset(p, offset, true);
}

static void nrf_ppi_reset(NRFPeripheralState *p)
{
    NRFPPIState *s = container_of(p, NRFPPIState, parent_obj);
    unsigned ch;

    s->chen = 0;
    memset(s->eep, 0, sizeof(s->eep));
    memset(s->tep, 0, sizeof(s->tep));
    memset(s->fork_tep, 0, sizeof(s->fork_tep));
    memset(s->chg, 0, sizeof(s->chg));
    for (ch = 0; ch < NRF_PPI_CHANNELS; ch++) {
        nrf_ppi_decode_channel(s, ch, false);
    }
}

static void nrf_ppi_reset_hold(NRFPeripheralState *p)
{
    nrf_ppi_route(container_of(p, NRFPPIState, parent_obj), true);
}

static int nrf_ppi_post_load(void *opaque, int version_id)
{
    NRFPPIState *s = opaque;
    const NRFPPIVariant *v = nrf_ppi_variant(s);
    unsigned ch;

    s->chen &= nrf_ppi_channels(v);
    for (ch = 0; ch < NRF_PPI_CHANNELS; ch++) {
        nrf_ppi_decode_channel(s, ch, false);
    }
    /* The peripherals migrate what they were told */
    nrf_ppi_route(s, false);
    return 0;
}

static void nrf_ppi_init(Object *obj)
{
    NRFPPIState *s = NRF_PPI(obj);
    const NRFPPIVariant *v = NRF_PPI_GET_CLASS(obj)->variant;
    DeviceState *dev = DEVICE(obj);

    qdev_init_gpio_in_named(dev, nrf_ppi_event_in, NRF_PPI_EVENT_IN,
                            v->num_ids * 32);
    qdev_init_gpio_out_named(dev, s->task_out, NRF_PPI_TASK_OUT,
                             v->num_ids * 32);
    qdev_init_gpio_out_named(dev, s->routed_out, NRF_PPI_ROUTED_OUT,
                             v->num_ids * 32);
}

static const VMStateDescription vmstate_nrf_ppi = {
    .name = "nrf-ppi",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf_ppi_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRFPPIState),
        VMSTATE_UINT32(chen, NRFPPIState),
        VMSTATE_UINT32_ARRAY(eep, NRFPPIState, NRF_PPI_CHANNELS),
        VMSTATE_UINT32_ARRAY(tep, NRFPPIState, NRF_PPI_CHANNELS),
        VMSTATE_UINT32_ARRAY(fork_tep, NRFPPIState, NRF_PPI_CHANNELS),
        VMSTATE_UINT32_ARRAY(chg, NRFPPIState, NRF_PPI_MAX_GROUPS),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf_ppi_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->task = nrf_ppi_task;
    pc->read = nrf_ppi_read;
    pc->write = nrf_ppi_write;
    pc->reset = nrf_ppi_reset;
    pc->reset_hold = nrf_ppi_reset_hold;
    dc->desc = "nRF5 programmable peripheral interconnect";
    dc->vmsd = &vmstate_nrf_ppi;
}

static void nrf_ppi_variant_class_init(ObjectClass *klass, void *data)
{
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);
    NRFPPIClass *ppc = NRF_PPI_CLASS(klass);

    ppc->variant = data;
    pc->name = object_class_get_name(klass);
    pc->tasks = MAKE_64BIT_MASK(0, 2 * ppc->variant->groups);
}

/* nRF51 RM table 30: the pre-programmed channels 20-31 */
static const NRFPPIFixedChannel nrf51_ppi_fixed[12] = {
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

static const NRFPPIVariant nrf51_ppi_variant = {
    .num_ids = 32,
    .prog_channels = 16,
    .groups = 4,
    .fork = false,
    .first_fixed = 20,
    .fixed = nrf51_ppi_fixed,
};

static const TypeInfo nrf_ppi_types[] = {
    {
        .name = TYPE_NRF_PPI,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRFPPIState),
        .instance_init = nrf_ppi_init,
        .class_size = sizeof(NRFPPIClass),
        .class_init = nrf_ppi_class_init,
        .abstract = true,
    }, {
        .name = TYPE_NRF51_PPI,
        .parent = TYPE_NRF_PPI,
        .class_init = nrf_ppi_variant_class_init,
        .class_data = (void *)&nrf51_ppi_variant,
    },
};

DEFINE_TYPES(nrf_ppi_types)
