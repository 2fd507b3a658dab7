/*
 * Nordic Semiconductor nRF51822 system on chip
 *
 * References: nRF51 Series Reference Manual v3.0; nRF51822 Product
 * Specification v3.3 (memory map, section 7).
 *
 * The chip is a Cortex-M0 at 16 MHz with flash at 0, FICR and UICR in
 * the 0x1000xxxx range, RAM at 0x20000000, the APB peripherals at
 * 0x40000000 + ID * 0x1000 (each driving NVIC line ID), and GPIO on
 * the AHB at 0x50000000.  Every peripheral slot that this model does
 * not implement yet is an unimplemented device, so "-d unimp" shows a
 * guest's use of it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qapi/error.h"
#include "hw/arm/nrf51_soc.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-clock.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "exec/address-spaces.h"
#include "system/system.h"

/* The Cortex-M0 NVIC of the nRF51 implements two priority bits */
#define NRF51_NUM_PRIO_BITS     2

/* Blocks not modelled yet: name, base and size */
static const struct {
    const char *name;
    hwaddr base;
    hwaddr size;
} nrf51_unimplemented[] = {
    { "nrf51.clock",    NRF51_PERIPHERAL_ADDR(NRF51_ID_POWER),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.radio",    NRF51_PERIPHERAL_ADDR(NRF51_ID_RADIO),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.twi0",     NRF51_PERIPHERAL_ADDR(NRF51_ID_SPI0_TWI0),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.twi1",     NRF51_PERIPHERAL_ADDR(NRF51_ID_SPI1_TWI1),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.gpiote",   NRF51_PERIPHERAL_ADDR(NRF51_ID_GPIOTE),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.adc",      NRF51_PERIPHERAL_ADDR(NRF51_ID_ADC),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.timer0",   NRF51_PERIPHERAL_ADDR(NRF51_ID_TIMER0),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.timer1",   NRF51_PERIPHERAL_ADDR(NRF51_ID_TIMER1),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.timer2",   NRF51_PERIPHERAL_ADDR(NRF51_ID_TIMER2),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.rtc0",     NRF51_PERIPHERAL_ADDR(NRF51_ID_RTC0),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.temp",     NRF51_PERIPHERAL_ADDR(NRF51_ID_TEMP),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.rng",      NRF51_PERIPHERAL_ADDR(NRF51_ID_RNG),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.ecb",      NRF51_PERIPHERAL_ADDR(NRF51_ID_ECB),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.aar-ccm",  NRF51_PERIPHERAL_ADDR(NRF51_ID_AAR_CCM),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.wdt",      NRF51_PERIPHERAL_ADDR(NRF51_ID_WDT),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.rtc1",     NRF51_PERIPHERAL_ADDR(NRF51_ID_RTC1),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.qdec",     NRF51_PERIPHERAL_ADDR(NRF51_ID_QDEC),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.lpcomp",   NRF51_PERIPHERAL_ADDR(NRF51_ID_LPCOMP),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.nvmc",     NRF51_PERIPHERAL_ADDR(NRF51_ID_NVMC),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.ppi",      NRF51_PERIPHERAL_ADDR(NRF51_ID_PPI),
      NRF51_PERIPHERAL_SIZE },
    { "nrf51.gpio",     NRF51_GPIO_BASE, 0x1000 },
};

QEMU_BUILD_BUG_ON(ARRAY_SIZE(nrf51_unimplemented) != NRF51_SOC_NUM_UNIMP);

/* Create a ROM region that reads as erased flash until programmed */
static bool nrf51_init_flash(NRF51State *s, MemoryRegion *mr,
                             const char *name, uint64_t size, Error **errp)
{
    if (!memory_region_init_rom(mr, OBJECT(s), name, size, errp)) {
        return false;
    }
    memset(memory_region_get_ram_ptr(mr), 0xff, size);
    return true;
}

static void nrf51_soc_realize(DeviceState *dev_soc, Error **errp)
{
    NRF51State *s = NRF51_SOC(dev_soc);
    MemoryRegion *sysmem = s->board_memory;
    DeviceState *armv7m = DEVICE(&s->cpu);
    SysBusDevice *sbd;
    int i;

    if (!sysmem) {
        error_setg(errp, "memory property was not set");
        return;
    }
    if (s->flash_size == 0 || s->flash_size % NRF51_PAGE_SIZE ||
        s->flash_size > 256 * KiB) {
        error_setg(errp, "flash-size must be a multiple of %u bytes "
                   "up to 256 KiB", NRF51_PAGE_SIZE);
        return;
    }
    if (s->sram_size == 0 || s->sram_size % (8 * KiB) ||
        s->sram_size > 32 * KiB) {
        error_setg(errp, "sram-size must be 8, 16, 24 or 32 KiB");
        return;
    }

    clock_set_hz(s->sysclk, NRF51_HFCLK_FREQ_HZ);

    /* Memories */
    if (!nrf51_init_flash(s, &s->flash, "nrf51.flash", s->flash_size,
                          errp) ||
        !nrf51_init_flash(s, &s->uicr, "nrf51.uicr", NRF51_UICR_SIZE,
                          errp)) {
        return;
    }
    memory_region_add_subregion(sysmem, NRF51_FLASH_BASE, &s->flash);
    memory_region_add_subregion(sysmem, NRF51_UICR_BASE, &s->uicr);
    if (!memory_region_init_ram(&s->sram, OBJECT(s), "nrf51.sram",
                                s->sram_size, errp)) {
        return;
    }
    memory_region_add_subregion(sysmem, NRF51_SRAM_BASE, &s->sram);

    /* The core */
    qdev_prop_set_uint32(armv7m, "num-irq", NRF51_NUM_PERIPHERALS);
    qdev_prop_set_uint8(armv7m, "num-prio-bits", NRF51_NUM_PRIO_BITS);
    qdev_prop_set_string(armv7m, "cpu-type", ARM_CPU_TYPE_NAME("cortex-m0"));
    qdev_connect_clock_in(armv7m, "cpuclk", s->sysclk);
    object_property_set_link(OBJECT(armv7m), "memory", OBJECT(sysmem),
                             &error_abort);
    if (!sysbus_realize(SYS_BUS_DEVICE(armv7m), errp)) {
        return;
    }

    /* FICR */
    sbd = SYS_BUS_DEVICE(&s->ficr);
    if (!object_property_set_uint(OBJECT(&s->ficr), "code-size",
                                  s->flash_size / NRF51_PAGE_SIZE, errp) ||
        !object_property_set_uint(OBJECT(&s->ficr), "sram-size",
                                  s->sram_size, errp) ||
        !sysbus_realize(sbd, errp)) {
        return;
    }
    sysbus_mmio_map(sbd, 0, NRF51_FICR_BASE);

    /* UART0 */
    sbd = SYS_BUS_DEVICE(&s->uart);
    if (!sysbus_realize(sbd, errp)) {
        return;
    }
    sysbus_mmio_map(sbd, 0, NRF51_PERIPHERAL_ADDR(NRF51_ID_UART0));
    sysbus_connect_irq(sbd, 0, qdev_get_gpio_in(armv7m, NRF51_ID_UART0));

    /* Everything else */
    for (i = 0; i < ARRAY_SIZE(nrf51_unimplemented); i++) {
        DeviceState *unimp = DEVICE(&s->unimp[i]);

        qdev_prop_set_string(unimp, "name", nrf51_unimplemented[i].name);
        qdev_prop_set_uint64(unimp, "size", nrf51_unimplemented[i].size);
        if (!sysbus_realize(SYS_BUS_DEVICE(unimp), errp)) {
            return;
        }
        sysbus_mmio_map_overlap(SYS_BUS_DEVICE(unimp), 0,
                                nrf51_unimplemented[i].base, -1000);
    }
}

static void nrf51_soc_init(Object *obj)
{
    NRF51State *s = NRF51_SOC(obj);
    int i;

    object_initialize_child(obj, "armv7m", &s->cpu, TYPE_ARMV7M);
    object_initialize_child(obj, "ficr", &s->ficr, TYPE_NRF51_FICR);
    object_initialize_child(obj, "uart", &s->uart, TYPE_NRF51_UART);
    for (i = 0; i < ARRAY_SIZE(nrf51_unimplemented); i++) {
        object_initialize_child(obj, "unimplemented[*]", &s->unimp[i],
                                TYPE_UNIMPLEMENTED_DEVICE);
    }

    object_property_add_alias(obj, "serial0", OBJECT(&s->uart), "chardev");
    object_property_add_alias(obj, "device-id", OBJECT(&s->ficr),
                              "device-id");

    s->sysclk = qdev_init_clock_in(DEVICE(s), "sysclk", NULL, NULL, 0);
}

static const Property nrf51_soc_properties[] = {
    DEFINE_PROP_LINK("memory", NRF51State, board_memory, TYPE_MEMORY_REGION,
                     MemoryRegion *),
    DEFINE_PROP_UINT32("flash-size", NRF51State, flash_size,
                       NRF51822_FLASH_SIZE),
    DEFINE_PROP_UINT32("sram-size", NRF51State, sram_size,
                       NRF51822_SRAM_SIZE),
};

static void nrf51_soc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = nrf51_soc_realize;
    dc->desc = "Nordic nRF51822";
    device_class_set_props(dc, nrf51_soc_properties);
    /* Reason: the board creates it and wires its memory */
    dc->user_creatable = false;
}

static const TypeInfo nrf51_soc_types[] = {
    {
        .name = TYPE_NRF51_SOC,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51State),
        .instance_init = nrf51_soc_init,
        .class_init = nrf51_soc_class_init,
    },
};

DEFINE_TYPES(nrf51_soc_types)
