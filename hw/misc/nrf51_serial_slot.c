/*
 * nRF51 peripheral slot shared by SPI, TWI and SPIS
 *
 * Reference: nRF51 Series Reference Manual v3.0, sections 9.1
 * (peripheral interface: "Shared resources"), 22 (SPI), 23 (SPIS) and
 * 28 (TWI).
 *
 * SPIn and TWIn share peripheral ID 3 or 4: one register space, which
 * ENABLE gives to one or the other (1 for SPI, 5 for TWI).  While one
 * is enabled the slot gives it every access.  While neither is,
 * firmware sets up the block it is about to enable: configuration
 * both understand (pins, frequency, interrupt enables) reaches both,
 * and what only the SPI master has (PSELMISO, CONFIG) reaches it
 * alone; the rest, tasks and events included, reaches the TWI.  ENABLE
 * itself reaches every member.  Slot 1 also holds SPIS1, the SPI slave
 * (ENABLE 2): while it is enabled it takes every access.
 *
 * The members' register regions are subregions of the slot's, of
 * which the enabled one (the TWI while none is) is switched on.  Small
 * windows above them catch what goes to several members: ENABLE, which
 * the slot records to switch the members, POWER (0 resets the member
 * it reaches, which then is no longer enabled), and, while no member
 * is enabled, the shared configuration.
 *
 * Tasks from the PPI reach the enabled member only; the PPI's "a
 * channel listens to event n" levels reach every member.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/misc/nrf51_serial_slot.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "exec/memop.h"
#include "migration/vmstate.h"
#include "trace.h"

#define SLOT_ENABLE         0x500
#define SLOT_POWER          NRF_POWER
#define SLOT_SIZE           NRF_PERIPHERAL_SIZE

#define ENABLE_SPI          1
#define ENABLE_SPIS         2
#define ENABLE_TWI          5

/* SPI master registers the TWI does not have */
#define SPI_PSELMISO        0x510
#define SPI_CONFIG          0x554

/* The windows of configuration shared while no member is enabled */
static const struct {
    hwaddr base;
    hwaddr size;
} nrf51_slot_windows[NRF51_SLOT_WINDOWS] = {
    { NRF_INTEN, 12 },          /* INTEN, INTENSET, INTENCLR */
    { 0x508, 12 },              /* PSELSCK/SCL, PSELMOSI/SDA, PSELMISO */
    { 0x524, 4 },               /* FREQUENCY */
    { SPI_CONFIG, 4 },
};

static bool nrf51_slot_spi_only(hwaddr offset)
{
    return offset == SPI_PSELMISO || offset == SPI_CONFIG;
}

static bool nrf51_slot_shared(hwaddr offset)
{
    switch (offset) {
    case NRF_INTEN:
    case NRF_INTENSET:
    case NRF_INTENCLR:
    case 0x508:                 /* PSELSCK, PSELSCL */
    case 0x50c:                 /* PSELMOSI, PSELSDA */
    case 0x524:                 /* FREQUENCY */
        return true;
    default:
        return false;
    }
}

/* The enabled member, or -1 */
static int nrf51_slot_enabled(NRF51SerialSlotState *s)
{
    if (s->member[NRF51_SLOT_SPIS] && s->enable == ENABLE_SPIS) {
        return NRF51_SLOT_SPIS;
    }
    /* SPI and TWI keep ENABLE[2:0] */
    switch (s->enable & 7) {
    case ENABLE_SPI:
        return NRF51_SLOT_SPI;
    case ENABLE_TWI:
        return NRF51_SLOT_TWI;
    default:
        return -1;
    }
}

/* The member a read of @offset reaches */
static int nrf51_slot_read_target(NRF51SerialSlotState *s, hwaddr offset)
{
    int m = nrf51_slot_enabled(s);

    if (m >= 0) {
        return m;
    }
    return nrf51_slot_spi_only(offset) ? NRF51_SLOT_SPI : NRF51_SLOT_TWI;
}

/* The members a write to @offset reaches */
static uint32_t nrf51_slot_write_targets(NRF51SerialSlotState *s,
                                         hwaddr offset)
{
    int m = nrf51_slot_enabled(s);

    if (offset == SLOT_ENABLE) {
        return MAKE_64BIT_MASK(0, NRF51_SLOT_MEMBERS);
    }
    if (m >= 0) {
        return BIT(m);
    }
    if (nrf51_slot_shared(offset)) {
        return BIT(NRF51_SLOT_SPI) | BIT(NRF51_SLOT_TWI);
    }
    return nrf51_slot_spi_only(offset) ? BIT(NRF51_SLOT_SPI) :
                                         BIT(NRF51_SLOT_TWI);
}

/* Switch the members' regions and the shared windows to match ENABLE */
static void nrf51_slot_update(NRF51SerialSlotState *s)
{
    int enabled = nrf51_slot_enabled(s);
    int shown = enabled >= 0 ? enabled : NRF51_SLOT_TWI;
    unsigned m, i;

    trace_nrf51_serial_slot_select(s->enable, enabled);
    memory_region_transaction_begin();
    for (m = 0; m < NRF51_SLOT_MEMBERS; m++) {
        if (s->member[m]) {
            memory_region_set_enabled(s->member[m], m == shown);
        }
    }
    for (i = 0; i < NRF51_SLOT_WINDOWS; i++) {
        memory_region_set_enabled(&s->shared[i].mr, enabled < 0);
    }
    memory_region_transaction_commit();
}

static MemTxResult nrf51_slot_read(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs)
{
    NRF51SerialWindow *w = opaque;
    NRF51SerialSlotState *s = w->slot;
    hwaddr offset = w->base + addr;

    return memory_region_dispatch_read(s->member[nrf51_slot_read_target(s,
                                                                 offset)],
                                       offset, data, size_memop(size), attrs);
}

static MemTxResult nrf51_slot_write(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs)
{
    NRF51SerialWindow *w = opaque;
    NRF51SerialSlotState *s = w->slot;
    hwaddr offset = w->base + addr;
    uint32_t targets = nrf51_slot_write_targets(s, offset);
    unsigned m;

    for (m = 0; m < NRF51_SLOT_MEMBERS; m++) {
        if ((targets & BIT(m)) && s->member[m]) {
            memory_region_dispatch_write(s->member[m], offset, data,
                                         size_memop(size), attrs);
        }
    }
    if (offset == SLOT_ENABLE) {
        s->enable = data;
        nrf51_slot_update(s);
    } else if (offset == SLOT_POWER && !(data & 1)) {
        /* The member it reached is back in its reset state, disabled */
        s->enable = 0;
        nrf51_slot_update(s);
    }
    return MEMTX_OK;
}

static const MemoryRegionOps nrf51_slot_ops = {
    .read_with_attrs = nrf51_slot_read,
    .write_with_attrs = nrf51_slot_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

/* A task from the PPI: for the enabled member only */
static void nrf51_slot_task(void *opaque, int n, int level)
{
    NRF51SerialSlotState *s = opaque;
    int m = nrf51_slot_enabled(s);

    if (m >= 0) {
        qemu_set_irq(s->task_out[m * NRF_MAX_TASKS + n], level);
    }
}

/* A PPI channel listens to event n: each member raises its own */
static void nrf51_slot_routed(void *opaque, int n, int level)
{
    NRF51SerialSlotState *s = opaque;
    unsigned m;

    for (m = 0; m < NRF51_SLOT_MEMBERS; m++) {
        qemu_set_irq(s->routed_out[m * NRF_MAX_EVENTS + n], level);
    }
}

static void nrf51_slot_window_init(NRF51SerialSlotState *s,
                                   NRF51SerialWindow *w, hwaddr base,
                                   hwaddr size, const char *name)
{
    w->slot = s;
    w->base = base;
    memory_region_init_io(&w->mr, OBJECT(s), &nrf51_slot_ops, w, name, size);
    memory_region_add_subregion_overlap(&s->container, base, &w->mr, 1);
}

static void nrf51_slot_realize(DeviceState *dev, Error **errp)
{
    NRF51SerialSlotState *s = NRF51_SERIAL_SLOT(dev);
    unsigned m, i;

    if (!s->member[NRF51_SLOT_TWI] || !s->member[NRF51_SLOT_SPI]) {
        error_setg(errp, "twi and spi links must be set");
        return;
    }
    for (m = 0; m < NRF51_SLOT_MEMBERS; m++) {
        if (s->member[m]) {
            memory_region_add_subregion_overlap(&s->container, 0,
                                                s->member[m], 0);
        }
    }
    nrf51_slot_window_init(s, &s->enable_win, SLOT_ENABLE, 4,
                           "nrf51-serial-slot.enable");
    nrf51_slot_window_init(s, &s->power_win, SLOT_POWER, 4,
                           "nrf51-serial-slot.power");
    for (i = 0; i < NRF51_SLOT_WINDOWS; i++) {
        nrf51_slot_window_init(s, &s->shared[i], nrf51_slot_windows[i].base,
                               nrf51_slot_windows[i].size,
                               "nrf51-serial-slot.shared");
    }
    nrf51_slot_update(s);
}

static void nrf51_slot_init(Object *obj)
{
    NRF51SerialSlotState *s = NRF51_SERIAL_SLOT(obj);
    DeviceState *dev = DEVICE(obj);

    memory_region_init(&s->container, obj, TYPE_NRF51_SERIAL_SLOT,
                       SLOT_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->container);
    qdev_init_gpio_in_named(dev, nrf51_slot_task, NRF_TASK_GPIO,
                            NRF_MAX_TASKS);
    qdev_init_gpio_in_named(dev, nrf51_slot_routed, NRF_ROUTED_GPIO,
                            NRF_MAX_EVENTS);
    qdev_init_gpio_out_named(dev, s->task_out, NRF51_SLOT_MEMBER_TASK,
                             NRF51_SLOT_MEMBERS * NRF_MAX_TASKS);
    qdev_init_gpio_out_named(dev, s->routed_out, NRF51_SLOT_MEMBER_ROUTED,
                             NRF51_SLOT_MEMBERS * NRF_MAX_EVENTS);
}

static void nrf51_slot_reset_enter(Object *obj, ResetType type)
{
    NRF51_SERIAL_SLOT(obj)->enable = 0;
}

static void nrf51_slot_reset_hold(Object *obj, ResetType type)
{
    nrf51_slot_update(NRF51_SERIAL_SLOT(obj));
}

static int nrf51_slot_post_load(void *opaque, int version_id)
{
    nrf51_slot_update(opaque);
    return 0;
}

static const VMStateDescription vmstate_nrf51_slot = {
    .name = TYPE_NRF51_SERIAL_SLOT,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_slot_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(enable, NRF51SerialSlotState),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_slot_properties[] = {
    DEFINE_PROP_LINK("twi", NRF51SerialSlotState, member[NRF51_SLOT_TWI],
                     TYPE_MEMORY_REGION, MemoryRegion *),
    DEFINE_PROP_LINK("spi", NRF51SerialSlotState, member[NRF51_SLOT_SPI],
                     TYPE_MEMORY_REGION, MemoryRegion *),
    DEFINE_PROP_LINK("spis", NRF51SerialSlotState, member[NRF51_SLOT_SPIS],
                     TYPE_MEMORY_REGION, MemoryRegion *),
};

static void nrf51_slot_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_slot_realize;
    dc->desc = "nRF51 peripheral slot shared by SPI, TWI and SPIS";
    dc->vmsd = &vmstate_nrf51_slot;
    device_class_set_props(dc, nrf51_slot_properties);
    rc->phases.enter = nrf51_slot_reset_enter;
    rc->phases.hold = nrf51_slot_reset_hold;
    /* Reason: a part of the SoC, wired by it */
    dc->user_creatable = false;
}

static const TypeInfo nrf51_slot_types[] = {
    {
        .name = TYPE_NRF51_SERIAL_SLOT,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51SerialSlotState),
        .instance_init = nrf51_slot_init,
        .class_init = nrf51_slot_class_init,
    },
};

DEFINE_TYPES(nrf51_slot_types)
