/*
 * nRF51 Factory Information Configuration Registers (FICR)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 8.
 *
 * FICR is read-only memory that Nordic programs in the factory.  The
 * values that matter to firmware are the flash geometry, the RAM
 * block layout, and the per-chip identity: DEVICEID (which the
 * micro:bit runtime uses as its serial number and radio identity),
 * the BLE device address and the ER/IR key roots.
 *
 * A real chip's identity is unique, so by default each instance
 * draws its own from QEMU's random source: several emulated boards
 * then differ as real ones do, and "-seed" makes a run reproducible.
 * The "device-id" property fixes it explicitly.  Words the manual
 * leaves unprogrammed read as erased flash, 0xFFFFFFFF.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/units.h"
#include "qemu/guest-random.h"
#include "qapi/error.h"
#include "hw/misc/nrf51_ficr.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(CODEPAGESIZE, 0x010)
REG32(CODESIZE, 0x014)
REG32(CLENR0, 0x028)
REG32(PPFC, 0x02c)
REG32(NUMRAMBLOCK, 0x034)
REG32(SIZERAMBLOCKS, 0x038)     /* also SIZERAMBLOCK[0] */
REG32(SIZERAMBLOCK3, 0x044)
REG32(CONFIGID, 0x05c)
REG32(DEVICEID0, 0x060)
REG32(DEVICEID1, 0x064)
REG32(ER0, 0x080)
REG32(ER3, 0x08c)
REG32(IR0, 0x090)
REG32(IR3, 0x09c)
REG32(DEVICEADDRTYPE, 0x0a0)
REG32(DEVICEADDR0, 0x0a4)
REG32(DEVICEADDR1, 0x0a8)
REG32(OVERRIDEEN, 0x0ac)

/* RAM is organised in blocks of 8 KiB */
#define NRF51_RAM_BLOCK_SIZE    (8 * KiB)

/* HWID of the nRF51822-QFAA revision 3 (build code H0) */
#define NRF51_FICR_HWID         0x0072

static uint64_t nrf51_ficr_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51FICRState *s = opaque;
    uint32_t nblocks = DIV_ROUND_UP(s->sram_size, NRF51_RAM_BLOCK_SIZE);
    uint64_t r;

    switch (offset) {
    case A_CODEPAGESIZE:
        r = NRF51_PAGE_SIZE;
        break;
    case A_CODESIZE:
        r = s->code_size;
        break;
    case A_NUMRAMBLOCK:
        r = nblocks;
        break;
    case A_SIZERAMBLOCKS ... A_SIZERAMBLOCK3:
        r = (offset - A_SIZERAMBLOCKS) / 4 < nblocks ?
            NRF51_RAM_BLOCK_SIZE : 0xffffffff;
        break;
    case A_CONFIGID:
        /* FWID unprogrammed in the upper half, HWID in the lower */
        r = 0xffff0000 | NRF51_FICR_HWID;
        break;
    case A_DEVICEID0:
    case A_DEVICEID1:
        r = s->deviceid[(offset - A_DEVICEID0) / 4];
        break;
    case A_ER0 ... A_ER3:
        r = s->er[(offset - A_ER0) / 4];
        break;
    case A_IR0 ... A_IR3:
        r = s->ir[(offset - A_IR0) / 4];
        break;
    case A_DEVICEADDRTYPE:
        r = 1;  /* random static address */
        break;
    case A_DEVICEADDR0:
    case A_DEVICEADDR1:
        r = s->deviceaddr[(offset - A_DEVICEADDR0) / 4];
        break;
    default:
        /* CLENR0, PPFC, OVERRIDEEN and the rest read as erased flash */
        r = 0xffffffff;
        break;
    }

    trace_nrf51_ficr_read(offset, r);
    return r;
}

static void nrf51_ficr_write(void *opaque, hwaddr offset, uint64_t value,
                             unsigned size)
{
    qemu_log_mask(LOG_GUEST_ERROR,
                  "%s: write of 0x%" PRIx64 " to read-only FICR at 0x%"
                  HWADDR_PRIx "\n", __func__, value, offset);
}

static const MemoryRegionOps nrf51_ficr_ops = {
    .read = nrf51_ficr_read,
    .write = nrf51_ficr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

/* A 64-bit mixing step (splitmix64), to spread device_id over the keys */
static uint64_t nrf51_ficr_mix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void nrf51_ficr_realize(DeviceState *dev, Error **errp)
{
    NRF51FICRState *s = NRF51_FICR(dev);
    uint64_t state;
    uint64_t v;
    int i;

    if (s->code_size == 0 || s->code_size > 1024) {
        error_setg(errp, "code-size must be 1 to 1024 pages, not %u",
                   s->code_size);
        return;
    }
    if (s->sram_size == 0 || s->sram_size > 4 * NRF51_RAM_BLOCK_SIZE) {
        error_setg(errp, "sram-size must be at most %u KiB",
                   (unsigned)(4 * NRF51_RAM_BLOCK_SIZE / KiB));
        return;
    }

    if (s->device_id == 0) {
        qemu_guest_getrandom_nofail(&s->device_id, sizeof(s->device_id));
    }
    state = s->device_id;
    s->deviceid[0] = s->device_id;
    s->deviceid[1] = s->device_id >> 32;
    for (i = 0; i < 4; i += 2) {
        v = nrf51_ficr_mix(&state);
        s->er[i] = v;
        s->er[i + 1] = v >> 32;
        v = nrf51_ficr_mix(&state);
        s->ir[i] = v;
        s->ir[i + 1] = v >> 32;
    }
    /*
     * A random static BLE address has its two top bits set
     * (Bluetooth Core Specification, Vol 6, Part B, 1.3.2.1).
     */
    v = nrf51_ficr_mix(&state);
    s->deviceaddr[0] = v;
    s->deviceaddr[1] = ((v >> 32) & 0xffff) | 0xc000;
    trace_nrf51_ficr_identity(s->device_id);
}

static void nrf51_ficr_init(Object *obj)
{
    NRF51FICRState *s = NRF51_FICR(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_ficr_ops, s,
                          TYPE_NRF51_FICR, NRF51_FICR_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
}

/*
 * The identity is migrated so that a guest keeps seeing the chip it
 * started on; there is no other state, and nothing to reset.
 */
static const VMStateDescription vmstate_nrf51_ficr = {
    .name = TYPE_NRF51_FICR,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(device_id, NRF51FICRState),
        VMSTATE_UINT32_ARRAY(deviceid, NRF51FICRState, 2),
        VMSTATE_UINT32_ARRAY(deviceaddr, NRF51FICRState, 2),
        VMSTATE_UINT32_ARRAY(er, NRF51FICRState, 4),
        VMSTATE_UINT32_ARRAY(ir, NRF51FICRState, 4),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_ficr_properties[] = {
    DEFINE_PROP_UINT64("device-id", NRF51FICRState, device_id, 0),
    DEFINE_PROP_UINT32("code-size", NRF51FICRState, code_size, 256),
    DEFINE_PROP_UINT32("sram-size", NRF51FICRState, sram_size, 16 * KiB),
};

static void nrf51_ficr_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = nrf51_ficr_realize;
    dc->desc = "nRF51 factory information (FICR)";
    dc->vmsd = &vmstate_nrf51_ficr;
    device_class_set_props(dc, nrf51_ficr_properties);
    dc->user_creatable = false;
}

static const TypeInfo nrf51_ficr_types[] = {
    {
        .name = TYPE_NRF51_FICR,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51FICRState),
        .instance_init = nrf51_ficr_init,
        .class_init = nrf51_ficr_class_init,
    },
};

DEFINE_TYPES(nrf51_ficr_types)
