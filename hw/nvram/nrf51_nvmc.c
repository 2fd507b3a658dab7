/*
 * nRF51 non-volatile memory controller (NVMC), with flash and UICR
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 6 (NVMC);
 * section 7 (flash geometry).
 *
 * Flash reads as memory.  Writes reach it only while CONFIG.WEN is
 * set, and like real flash they can only clear bits: a word written
 * ends up as the AND of old and new.  Erasing (CONFIG.EEN) sets a page
 * (ERASEPAGE/ERASEPCR0/ERASEPCR1), UICR (ERASEUICR) or everything
 * (ERASEALL) back to 0xFF.  Operations complete at once, so READY
 * always reads 1.  Flash and UICR keep their contents across resets,
 * as on the chip.
 *
 * With a block device ("drive"), flash and UICR (in that order, the
 * flash size then 1 KiB) are loaded from it and every change is
 * written back, so a program and its files survive from one run to
 * the next.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/units.h"
#include "qapi/error.h"
#include "hw/nvram/nrf51_nvmc.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "system/block-backend.h"
#include "trace.h"

REG32(READY, 0x400)
REG32(CONFIG, 0x504)
    FIELD(CONFIG, WEN, 0, 1)
    FIELD(CONFIG, EEN, 1, 1)
REG32(ERASEPAGE, 0x508)     /* also ERASEPCR1 */
REG32(ERASEALL, 0x50c)
REG32(ERASEPCR0, 0x510)
REG32(ERASEUICR, 0x514)

/* Write @len bytes at @offset of the backing image, if any */
static void nrf51_nvmc_sync(NRF51NVMCState *s, uint32_t offset, uint32_t len)
{
    const uint8_t *src;

    if (!s->blk) {
        return;
    }
    if (offset >= s->flash_size) {
        src = s->uicr_ptr + (offset - s->flash_size);
    } else {
        src = s->flash_ptr + offset;
    }
    if (blk_pwrite(s->blk, offset, len, src, 0) < 0) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: cannot write the flash image\n", __func__);
    }
}

static void nrf51_nvmc_erase(NRF51NVMCState *s, bool uicr, uint32_t offset,
                             uint32_t len)
{
    trace_nrf51_nvmc_erase(uicr, offset, len);
    if (uicr) {
        memset(s->uicr_ptr + offset, 0xff, len);
        memory_region_flush_rom_device(&s->uicr, offset, len);
        nrf51_nvmc_sync(s, s->flash_size + offset, len);
    } else {
        memset(s->flash_ptr + offset, 0xff, len);
        memory_region_flush_rom_device(&s->flash, offset, len);
        nrf51_nvmc_sync(s, offset, len);
    }
}

static void nrf51_nvmc_erase_page(NRF51NVMCState *s, uint32_t addr)
{
    if (!FIELD_EX32(s->config, CONFIG, EEN)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: erase without CONFIG.EEN\n", __func__);
        return;
    }
    if (addr % NRF51_PAGE_SIZE || addr >= s->flash_size) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: 0x%08x is not a flash page\n", __func__, addr);
        return;
    }
    nrf51_nvmc_erase(s, false, addr, NRF51_PAGE_SIZE);
}

static uint64_t nrf51_nvmc_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51NVMCState *s = opaque;

    switch (offset) {
    case A_READY:
        return 1;
    case A_CONFIG:
        return s->config;
    case A_ERASEPAGE:
    case A_ERASEALL:
    case A_ERASEPCR0:
    case A_ERASEUICR:
        return 0;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return 0;
    }
}

static void nrf51_nvmc_write(void *opaque, hwaddr offset, uint64_t value,
                             unsigned size)
{
    NRF51NVMCState *s = opaque;

    trace_nrf51_nvmc_write(offset, value);

    switch (offset) {
    case A_CONFIG:
        s->config = value & (R_CONFIG_WEN_MASK | R_CONFIG_EEN_MASK);
        break;
    case A_ERASEPAGE:
    case A_ERASEPCR0:
        nrf51_nvmc_erase_page(s, value);
        break;
    case A_ERASEALL:
        if (!(value & 1)) {
            break;
        }
        if (!FIELD_EX32(s->config, CONFIG, EEN)) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: ERASEALL without CONFIG.EEN\n", __func__);
            break;
        }
        nrf51_nvmc_erase_all(s);
        break;
    case A_ERASEUICR:
        if (!(value & 1)) {
            break;
        }
        if (!FIELD_EX32(s->config, CONFIG, EEN)) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: ERASEUICR without CONFIG.EEN\n", __func__);
            break;
        }
        nrf51_nvmc_erase(s, true, 0, NRF51_UICR_SIZE);
        break;
    case A_READY:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: READY is read-only\n", __func__);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        break;
    }
}

static const MemoryRegionOps nrf51_nvmc_ops = {
    .read = nrf51_nvmc_read,
    .write = nrf51_nvmc_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

/* A program write to flash or UICR: only clears bits, only with WEN */
static void nrf51_nvmc_mem_write(NRF51NVMCState *s, bool uicr, hwaddr offset,
                                 uint64_t value, unsigned size)
{
    uint8_t *p = (uicr ? s->uicr_ptr : s->flash_ptr) + offset;
    uint32_t old;

    if (!FIELD_EX32(s->config, CONFIG, WEN)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: write to %s at 0x%" HWADDR_PRIx
                      " without CONFIG.WEN\n", __func__,
                      uicr ? "UICR" : "flash", offset);
        return;
    }
    old = ldl_le_p(p);
    stl_le_p(p, old & value);
    trace_nrf51_nvmc_program(uicr, offset, value);
    memory_region_flush_rom_device(uicr ? &s->uicr : &s->flash, offset, 4);
    nrf51_nvmc_sync(s, (uicr ? s->flash_size : 0) + offset, 4);
}

static uint64_t nrf51_nvmc_flash_read(void *opaque, hwaddr offset,
                                      unsigned size)
{
    /* Reads go straight to memory: the region stays in ROMD mode */
    g_assert_not_reached();
}

static void nrf51_nvmc_flash_write(void *opaque, hwaddr offset,
                                   uint64_t value, unsigned size)
{
    nrf51_nvmc_mem_write(NRF51_NVMC(opaque), false, offset, value, size);
}

static void nrf51_nvmc_uicr_write(void *opaque, hwaddr offset,
                                  uint64_t value, unsigned size)
{
    nrf51_nvmc_mem_write(NRF51_NVMC(opaque), true, offset, value, size);
}

/* The flash is written a word at a time, aligned */
static const MemoryRegionOps nrf51_nvmc_flash_ops = {
    .read = nrf51_nvmc_flash_read,
    .write = nrf51_nvmc_flash_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static const MemoryRegionOps nrf51_nvmc_uicr_ops = {
    .read = nrf51_nvmc_flash_read,
    .write = nrf51_nvmc_uicr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

void nrf51_nvmc_erase_all(NRF51NVMCState *s)
{
    nrf51_nvmc_erase(s, false, 0, s->flash_size);
    nrf51_nvmc_erase(s, true, 0, NRF51_UICR_SIZE);
}

bool nrf51_nvmc_program(NRF51NVMCState *s, uint32_t addr,
                        const uint8_t *data, uint32_t len, Error **errp)
{
    /* Flash starts at address 0 */
    if (len <= s->flash_size && addr <= s->flash_size - len) {
        memcpy(s->flash_ptr + addr, data, len);
        memory_region_flush_rom_device(&s->flash, addr, len);
        nrf51_nvmc_sync(s, addr, len);
        return true;
    }
    if (addr >= NRF51_UICR_BASE && len <= NRF51_UICR_SIZE &&
        addr - NRF51_UICR_BASE <= NRF51_UICR_SIZE - len) {
        memcpy(s->uicr_ptr + addr - NRF51_UICR_BASE, data, len);
        memory_region_flush_rom_device(&s->uicr, addr - NRF51_UICR_BASE, len);
        nrf51_nvmc_sync(s, s->flash_size + addr - NRF51_UICR_BASE, len);
        return true;
    }
    error_setg(errp, "0x%08x-0x%08x is neither flash nor UICR", addr,
               addr + len - 1);
    return false;
}

static bool nrf51_nvmc_load_drive(NRF51NVMCState *s, Error **errp)
{
    uint64_t want = (uint64_t)s->flash_size + NRF51_UICR_SIZE;
    uint64_t perm = BLK_PERM_CONSISTENT_READ | BLK_PERM_WRITE;
    int64_t len = blk_getlength(s->blk);

    if (len < 0) {
        error_setg_errno(errp, -len, "cannot get the size of the flash image");
        return false;
    }
    if (len == 0) {
        /* An empty file is made the size of flash and UICR */
        perm |= BLK_PERM_RESIZE;
    }
    if (blk_set_perm(s->blk, perm, BLK_PERM_ALL, errp) < 0) {
        return false;
    }
    if (len == 0) {
        /* A new, empty image: it becomes an erased chip */
        return blk_truncate(s->blk, want, true, PREALLOC_MODE_OFF, 0,
                            errp) >= 0 &&
               blk_pwrite(s->blk, 0, s->flash_size, s->flash_ptr, 0) >= 0 &&
               blk_pwrite(s->blk, s->flash_size, NRF51_UICR_SIZE,
                          s->uicr_ptr, 0) >= 0;
    }
    if (len != want) {
        error_setg(errp, "the flash image must be %" PRIu64 " bytes (%u KiB "
                   "of flash and 1 KiB of UICR), not %" PRId64, want,
                   s->flash_size / 1024, len);
        return false;
    }
    if (blk_pread(s->blk, 0, s->flash_size, s->flash_ptr, 0) < 0 ||
        blk_pread(s->blk, s->flash_size, NRF51_UICR_SIZE, s->uicr_ptr,
                  0) < 0) {
        error_setg(errp, "cannot read the flash image");
        return false;
    }
    return true;
}

static void nrf51_nvmc_realize(DeviceState *dev, Error **errp)
{
    NRF51NVMCState *s = NRF51_NVMC(dev);
    Object *obj = OBJECT(dev);

    if (s->flash_size == 0 || s->flash_size % NRF51_PAGE_SIZE ||
        s->flash_size > 256 * KiB) {
        error_setg(errp, "flash-size must be a multiple of %u bytes up to "
                   "256 KiB", NRF51_PAGE_SIZE);
        return;
    }
    if (!memory_region_init_rom_device(&s->flash, obj, &nrf51_nvmc_flash_ops,
                                       s, "nrf51.flash", s->flash_size,
                                       errp) ||
        !memory_region_init_rom_device(&s->uicr, obj, &nrf51_nvmc_uicr_ops,
                                       s, "nrf51.uicr", NRF51_UICR_SIZE,
                                       errp)) {
        return;
    }
    s->flash_ptr = memory_region_get_ram_ptr(&s->flash);
    s->uicr_ptr = memory_region_get_ram_ptr(&s->uicr);
    memset(s->flash_ptr, 0xff, s->flash_size);
    memset(s->uicr_ptr, 0xff, NRF51_UICR_SIZE);

    if (s->blk && !nrf51_nvmc_load_drive(s, errp)) {
        return;
    }

    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->flash);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->uicr);
}

static void nrf51_nvmc_reset_enter(Object *obj, ResetType type)
{
    /* Flash and UICR are non-volatile: a reset only clears CONFIG */
    NRF51_NVMC(obj)->config = 0;
}

static void nrf51_nvmc_init(Object *obj)
{
    NRF51NVMCState *s = NRF51_NVMC(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_nvmc_ops, s,
                          TYPE_NRF51_NVMC, NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
}

static const VMStateDescription vmstate_nrf51_nvmc = {
    .name = TYPE_NRF51_NVMC,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(config, NRF51NVMCState),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_nvmc_properties[] = {
    DEFINE_PROP_UINT32("flash-size", NRF51NVMCState, flash_size, 256 * KiB),
    DEFINE_PROP_DRIVE("drive", NRF51NVMCState, blk),
};

static void nrf51_nvmc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_nvmc_realize;
    dc->desc = "nRF51 NVMC, flash and UICR";
    dc->vmsd = &vmstate_nrf51_nvmc;
    device_class_set_props(dc, nrf51_nvmc_properties);
    rc->phases.enter = nrf51_nvmc_reset_enter;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_nvmc_types[] = {
    {
        .name = TYPE_NRF51_NVMC,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51NVMCState),
        .instance_init = nrf51_nvmc_init,
        .class_init = nrf51_nvmc_class_init,
    },
};

DEFINE_TYPES(nrf51_nvmc_types)
