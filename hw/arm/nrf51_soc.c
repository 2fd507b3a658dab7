/*
 * Nordic Semiconductor nRF51822 system on chip
 *
 * References: nRF51 Series Reference Manual v3.0; nRF51822 Product
 * Specification v3.3 (memory map, section 7).
 *
 * The chip is a Cortex-M0 at 16 MHz with flash at 0, FICR and UICR in
 * the 0x1000xxxx range, RAM at 0x20000000, the APB peripherals at
 * 0x40000000 + ID * 0x1000 (each driving NVIC line ID), and GPIO on
 * the AHB at 0x50000000.  The radio is the board's NIC, configured
 * with "-nic".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/units.h"
#include "qapi/error.h"
#include "hw/arm/nrf51_soc.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-clock.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "exec/address-spaces.h"
#include "exec/memop.h"
#include "system/system.h"

/* The Cortex-M0 NVIC of the nRF51 implements two priority bits */
#define NRF51_NUM_PRIO_BITS     2

/* Blocks with their register interface only */
static const struct {
    const char *name;
    unsigned id;
} nrf51_basic[NRF51_SOC_NUM_BASIC] = {
    { "nrf51.aar-ccm", NRF51_ID_AAR_CCM },
    { "nrf51.qdec", NRF51_ID_QDEC },
    { "nrf51.lpcomp", NRF51_ID_LPCOMP },
};

static const struct {
    unsigned id;
    uint32_t max_bits;
} nrf51_timers[NRF51_NUM_TIMERS] = {
    { NRF51_ID_TIMER0, 32 },
    { NRF51_ID_TIMER1, 16 },
    { NRF51_ID_TIMER2, 16 },
};

static const struct {
    unsigned id;
    uint32_t num_cc;
} nrf51_rtcs[NRF51_NUM_RTCS] = {
    { NRF51_ID_RTC0, 3 },
    { NRF51_ID_RTC1, 4 },
};

/*
 * The CoreSight ROM table at 0xF0000000, which firmware reads to learn
 * the chip's revision (the mbed start-up code applies errata
 * workarounds by it).  The identification registers describe a
 * revision 3 nRF51 (part 0x001 from Nordic, JEP106 0x244); the entries
 * point at the SCS, DWT and BPU.
 */
#define NRF51_ROMTABLE_BASE     0xf0000000

static uint64_t nrf51_romtable_read(void *opaque, hwaddr offset,
                                    unsigned size)
{
    switch (offset) {
    case 0x000:
        return 0xf000e003;      /* SCS at 0xe000e000 */
    case 0x004:
        return 0xf0001003;      /* DWT at 0xe0001000 */
    case 0x008:
        return 0xf0002003;      /* BPU at 0xe0002000 */
    case 0xfcc:
        return 0x00000001;      /* MEMTYPE: system memory present */
    case 0xfd0:
        return 0x04;            /* PID4: JEP106 continuation code */
    case 0xfe0:
        return 0x01;            /* PID0: part number [7:0] */
    case 0xfe4:
        return 0x40;            /* PID1: part [11:8], JEP106 id [3:0] */
    case 0xfe8:
        return 0x4a;            /* PID2: revision 4, JEDEC, id [6:4] */
    case 0xff0:
        return 0x0d;
    case 0xff4:
        return 0x10;            /* CID1: class 1, ROM table */
    case 0xff8:
        return 0x05;
    case 0xffc:
        return 0xb1;
    default:
        return 0;
    }
}

static void nrf51_romtable_write(void *opaque, hwaddr offset,
                                 uint64_t value, unsigned size)
{
    qemu_log_mask(LOG_GUEST_ERROR,
                  "%s: write to the read-only ROM table at 0x%" HWADDR_PRIx
                  "\n", __func__, offset);
}

static const MemoryRegionOps nrf51_romtable_ops = {
    .read = nrf51_romtable_read,
    .write = nrf51_romtable_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    /* Read-only memory: any size of access, served a word at a time */
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 4,
    .impl.max_access_size = 4,
};

/* The events of peripheral @dev reach the PPI as those of ID @id */
static void nrf51_connect_events(NRF51State *s, DeviceState *dev,
                                 unsigned id)
{
    unsigned n;

    for (n = 0; n < NRF_MAX_EVENTS; n++) {
        qdev_connect_gpio_out_named(dev, NRF_EVENT_GPIO, n,
            qdev_get_gpio_in_named(DEVICE(&s->ppi), NRF_PPI_EVENT_IN,
                                   NRF_PPI_LINE(id, n)));
    }
}

/*
 * The task and "event-routed" outputs @first to @first + 31 of @src
 * (the PPI's for one ID, or a slot's for one member) reach the task and
 * "event-routed" inputs of peripheral @sink
 */
static void nrf51_connect_tasks(DeviceState *src, const char *task,
                                const char *routed, unsigned first,
                                DeviceState *sink)
{
    unsigned n;

    for (n = 0; n < NRF_MAX_TASKS; n++) {
        qdev_connect_gpio_out_named(src, task, first + n,
            qdev_get_gpio_in_named(sink, NRF_TASK_GPIO, n));
        qdev_connect_gpio_out_named(src, routed, first + n,
            qdev_get_gpio_in_named(sink, NRF_ROUTED_GPIO, n));
    }
}

/* Join the lines of peripheral @dev to the PPI's lines for ID @id */
static void nrf51_connect_ppi(NRF51State *s, DeviceState *dev, unsigned id)
{
    nrf51_connect_events(s, dev, id);
    nrf51_connect_tasks(DEVICE(&s->ppi), NRF_PPI_TASK_OUT,
                        NRF_PPI_ROUTED_OUT, NRF_PPI_LINE(id, 0), dev);
}

/*
 * Realize an APB peripheral and put it in its slot: registers at
 * 0x40000000 + ID * 0x1000, interrupt on NVIC line ID, events and
 * tasks on the PPI's lines for ID, running from @clk.
 */
static bool nrf51_realize_peripheral(NRF51State *s, NRFPeripheralState *p,
                                     unsigned id, Clock *clk, Error **errp)
{
    SysBusDevice *sbd = SYS_BUS_DEVICE(p);

    if (clk) {
        qdev_connect_clock_in(DEVICE(p), NRF_CLOCK_IN, clk);
    }
    if (!sysbus_realize(sbd, errp)) {
        return false;
    }
    sysbus_mmio_map(sbd, 0, NRF51_PERIPHERAL_ADDR(id));
    sysbus_connect_irq(sbd, 0, qdev_get_gpio_in(DEVICE(&s->cpu), id));
    nrf51_connect_ppi(s, DEVICE(p), id);
    return true;
}

/*
 * Realize member @m of the serial slot @slot for ID @id: its events go
 * to the PPI's lines for the ID, its tasks and "event-routed" lines
 * come through the slot, which knows which member is enabled
 */
static bool nrf51_realize_serial_member(NRF51State *s, NRFPeripheralState *p,
                                        DeviceState *slot, unsigned m,
                                        unsigned id, Error **errp)
{
    DeviceState *dev = DEVICE(p);

    qdev_connect_clock_in(dev, NRF_CLOCK_IN, s->hfclk);
    if (!sysbus_realize(SYS_BUS_DEVICE(p), errp)) {
        return false;
    }
    nrf51_connect_events(s, dev, id);
    nrf51_connect_tasks(slot, NRF51_SLOT_MEMBER_TASK,
                        NRF51_SLOT_MEMBER_ROUTED, m * NRF_MAX_TASKS, dev);
    return true;
}

/* The PPI's task and "event-routed" lines for ID @id reach the slot */
static void nrf51_connect_serial_ppi(NRF51State *s, DeviceState *slot,
                                     unsigned id)
{
    nrf51_connect_tasks(DEVICE(&s->ppi), NRF_PPI_TASK_OUT,
                        NRF_PPI_ROUTED_OUT, NRF_PPI_LINE(id, 0), slot);
}

static bool nrf51_realize_split(SplitIRQ *split, unsigned n, Error **errp)
{
    return object_property_set_int(OBJECT(split), "num-lines", n, errp) &&
           qdev_realize(DEVICE(split), NULL, errp);
}

static void nrf51_soc_realize(DeviceState *dev_soc, Error **errp)
{
    NRF51State *s = NRF51_SOC(dev_soc);
    MemoryRegion *sysmem = s->board_memory;
    DeviceState *armv7m = DEVICE(&s->cpu);
    DeviceState *dev;
    SysBusDevice *sbd;
    int i;

    if (!sysmem) {
        error_setg(errp, "memory property was not set");
        return;
    }
    if (s->sram_size == 0 || s->sram_size % (8 * KiB) ||
        s->sram_size > 32 * KiB) {
        error_setg(errp, "sram-size must be 8, 16, 24 or 32 KiB");
        return;
    }

    clock_set_hz(s->sysclk, NRF51_HFCLK_FREQ_HZ);

    /* Flash and UICR belong to the NVMC */
    sbd = SYS_BUS_DEVICE(&s->nvmc);
    if (!object_property_set_uint(OBJECT(&s->nvmc), "flash-size",
                                  s->flash_size, errp) ||
        !sysbus_realize(sbd, errp)) {
        return;
    }
    sysbus_mmio_map(sbd, 0, NRF51_PERIPHERAL_ADDR(NRF51_ID_NVMC));
    sysbus_mmio_map(sbd, 1, NRF51_FLASH_BASE);
    sysbus_mmio_map(sbd, 2, NRF51_UICR_BASE);

    if (!memory_region_init_ram(&s->sram, OBJECT(s), "nrf51.sram",
                                s->sram_size, errp)) {
        return;
    }
    memory_region_add_subregion(sysmem, NRF51_SRAM_BASE, &s->sram);
    memory_region_init_io(&s->romtable, OBJECT(s), &nrf51_romtable_ops, s,
                          "nrf51.romtable", 0x1000);
    memory_region_add_subregion(sysmem, NRF51_ROMTABLE_BASE, &s->romtable);

    /* The core */
    qdev_prop_set_uint32(armv7m, "num-irq", NRF51_NUM_PERIPHERALS);
    qdev_prop_set_uint8(armv7m, "num-prio-bits", NRF51_NUM_PRIO_BITS);
    qdev_prop_set_string(armv7m, "cpu-type", ARM_CPU_TYPE_NAME("cortex-m0"));
    /* The nRF51 has no SysTick */
    qdev_prop_set_bit(armv7m, "systick", false);
    qdev_connect_clock_in(armv7m, "cpuclk", s->sysclk);
    object_property_set_link(OBJECT(armv7m), "memory", OBJECT(sysmem),
                             &error_abort);
    if (!sysbus_realize(SYS_BUS_DEVICE(armv7m), errp)) {
        return;
    }

    /*
     * The PPI, which joins every peripheral's events to tasks; its own
     * tasks (the channel groups) are among them
     */
    if (!nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->ppi), NRF51_ID_PPI,
                                  NULL, errp)) {
        return;
    }

    /*
     * POWER, CLOCK and MPU: the CLOCK block's HFCLK and LFCLK (s->hfclk
     * and s->lfclk) are what the peripherals realized after it run from
     */
    dev = DEVICE(&s->power);
    if (!nrf51_realize_peripheral(s, NRF_PERIPHERAL(dev), NRF51_ID_POWER,
                                  NULL, errp)) {
        return;
    }
    qdev_connect_gpio_out_named(armv7m, "SYSRESETREQ", 0,
        qdev_get_gpio_in_named(dev, NRF51_POWER_SYSRESETREQ, 0));

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

    /* UART0, with RTS and CTS on GPIO pins */
    if (!nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->uart),
                                  NRF51_ID_UART0, s->hfclk, errp)) {
        return;
    }

    /*
     * GPIO, on the AHB.  GPIOTE and the UART watch its pins (each pin's
     * level reaches both through a split) and drive them: GPIOTE's
     * task channels, and the UART's RTS.
     */
    sbd = SYS_BUS_DEVICE(&s->gpio);
    if (!sysbus_realize(sbd, errp)) {
        return;
    }
    sysbus_mmio_map(sbd, 0, NRF51_GPIO_BASE);
    dev = DEVICE(&s->gpiote);
    if (!nrf51_realize_peripheral(s, NRF_PERIPHERAL(dev), NRF51_ID_GPIOTE,
                                  NULL, errp) ||
        !nrf51_realize_split(&s->detect_split, 2, errp)) {
        return;
    }
    for (i = 0; i < NRF51_GPIO_PINS; i++) {
        DeviceState *split = DEVICE(&s->pin_split[i]);

        if (!nrf51_realize_split(&s->pin_split[i], 2, errp)) {
            return;
        }
        qdev_connect_gpio_out_named(DEVICE(&s->gpio), NRF51_GPIO_LEVEL, i,
                                    qdev_get_gpio_in(split, 0));
        qdev_connect_gpio_out(split, 0,
            qdev_get_gpio_in_named(dev, NRF51_GPIOTE_LEVEL, i));
        qdev_connect_gpio_out(split, 1,
            qdev_get_gpio_in_named(DEVICE(&s->uart), NRF51_UART_PIN_LEVEL,
                                   i));
        qdev_connect_gpio_out_named(dev, NRF51_GPIOTE_PIN, i,
            qdev_get_gpio_in_named(DEVICE(&s->gpio), NRF51_GPIO_TASK_PIN, i));
        qdev_connect_gpio_out_named(DEVICE(&s->uart), NRF51_UART_PIN, i,
            qdev_get_gpio_in_named(DEVICE(&s->gpio), NRF51_GPIO_PERIPH_PIN,
                                   i));
    }
    qdev_connect_gpio_out_named(DEVICE(&s->gpio), NRF51_GPIO_DETECT, 0,
        qdev_get_gpio_in(DEVICE(&s->detect_split), 0));
    qdev_connect_gpio_out(DEVICE(&s->detect_split), 0,
        qdev_get_gpio_in_named(dev, NRF51_GPIOTE_DETECT, 0));
    qdev_connect_gpio_out(DEVICE(&s->detect_split), 1,
        qdev_get_gpio_in_named(DEVICE(&s->power), NRF51_POWER_WAKE, 0));
    /* The pins are the chip's to the board */
    qdev_pass_gpios(DEVICE(&s->gpio), dev_soc, NULL);
    qdev_pass_gpios(DEVICE(&s->gpio), dev_soc, NRF51_GPIO_PULLUP);

    /* Timers and counters */
    for (i = 0; i < NRF51_NUM_TIMERS; i++) {
        if (!object_property_set_uint(OBJECT(&s->timer[i]), "max-bits",
                                      nrf51_timers[i].max_bits, errp) ||
            !nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->timer[i]),
                                      nrf51_timers[i].id, s->hfclk, errp)) {
            return;
        }
    }
    for (i = 0; i < NRF51_NUM_RTCS; i++) {
        dev = DEVICE(&s->rtc[i]);
        if (!object_property_set_uint(OBJECT(dev), "num-cc",
                                      nrf51_rtcs[i].num_cc, errp) ||
            !nrf51_realize_peripheral(s, NRF_PERIPHERAL(dev),
                                      nrf51_rtcs[i].id, s->lfclk, errp)) {
            return;
        }
    }

    /*
     * The serial slots: TWIn, SPIn or (slot 1) SPIS1, whichever ENABLE
     * selects (hw/misc/nrf51_serial_slot.c), with their interrupts
     * ORed.  The board's sensors sit on TWI0's bus.
     */
    qdev_prop_set_string(DEVICE(&s->spis1), "name", "nrf51.spis1");
    for (i = 0; i < NRF51_NUM_SERIAL; i++) {
        static const unsigned ids[] = {
            NRF51_ID_SPI0_TWI0, NRF51_ID_SPI1_TWI1
        };
        static const char *const links[NRF51_SLOT_MEMBERS] = {
            [NRF51_SLOT_TWI] = "twi",
            [NRF51_SLOT_SPI] = "spi",
            [NRF51_SLOT_SPIS] = "spis",
        };
        NRFPeripheralState *members[NRF51_SLOT_MEMBERS] = {
            [NRF51_SLOT_TWI] = NRF_PERIPHERAL(&s->twi[i]),
            [NRF51_SLOT_SPI] = NRF_PERIPHERAL(&s->spi[i]),
            [NRF51_SLOT_SPIS] = i == 1 ? NRF_PERIPHERAL(&s->spis1) : NULL,
        };
        DeviceState *slot = DEVICE(&s->serial[i]);
        DeviceState *or = DEVICE(&s->serial_irq[i]);
        unsigned m;

        if (!object_property_set_int(OBJECT(or), "num-lines",
                                     NRF51_SLOT_MEMBERS, errp) ||
            !qdev_realize(or, NULL, errp)) {
            return;
        }
        for (m = 0; m < NRF51_SLOT_MEMBERS; m++) {
            if (!members[m]) {
                continue;
            }
            if (!nrf51_realize_serial_member(s, members[m], slot, m, ids[i],
                                             errp)) {
                return;
            }
            sysbus_connect_irq(SYS_BUS_DEVICE(members[m]), 0,
                               qdev_get_gpio_in(or, m));
            object_property_set_link(OBJECT(slot), links[m],
                OBJECT(sysbus_mmio_get_region(SYS_BUS_DEVICE(members[m]), 0)),
                &error_abort);
        }
        if (!sysbus_realize(SYS_BUS_DEVICE(slot), errp)) {
            return;
        }
        sysbus_mmio_map(SYS_BUS_DEVICE(slot), 0,
                        NRF51_PERIPHERAL_ADDR(ids[i]));
        qdev_connect_gpio_out(or, 0, qdev_get_gpio_in(armv7m, ids[i]));
        nrf51_connect_serial_ppi(s, slot, ids[i]);
    }

    /* RNG and TEMP */
    if (!nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->rng), NRF51_ID_RNG,
                                  s->hfclk, errp) ||
        !nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->temp),
                                  NRF51_ID_TEMP, s->hfclk, errp)) {
        return;
    }

    /*
     * ADC and ECB, which ECB's EasyDMA reads and writes RAM for; the
     * watchdog, on the LFCLK, which resets through POWER
     */
    object_property_set_link(OBJECT(&s->ecb), "memory", OBJECT(sysmem),
                             &error_abort);
    if (!object_property_set_uint(OBJECT(&s->ecb), "sram-size",
                                  s->sram_size, errp) ||
        !nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->adc), NRF51_ID_ADC,
                                  s->hfclk, errp) ||
        !nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->ecb), NRF51_ID_ECB,
                                  s->hfclk, errp) ||
        !nrf51_realize_peripheral(s, NRF_PERIPHERAL(&s->wdt), NRF51_ID_WDT,
                                  s->lfclk, errp)) {
        return;
    }
    qdev_connect_gpio_out_named(DEVICE(&s->wdt), NRF51_WDT_RESET, 0,
        qdev_get_gpio_in_named(DEVICE(&s->power), NRF51_POWER_WATCHDOG, 0));

    for (i = 0; i < NRF51_SOC_NUM_BASIC; i++) {
        dev = DEVICE(&s->basic[i]);
        qdev_prop_set_string(dev, "name", nrf51_basic[i].name);
        if (!nrf51_realize_peripheral(s, NRF_PERIPHERAL(dev),
                                      nrf51_basic[i].id, NULL, errp)) {
            return;
        }
    }

    /*
     * RADIO, the board's NIC: its frames carry the chip's identity, so
     * that it knows its own when the medium echoes them
     */
    dev = DEVICE(&s->radio);
    object_property_set_link(OBJECT(dev), "memory", OBJECT(sysmem),
                             &error_abort);
    qemu_configure_nic_device(dev, true, NULL);
    if (!object_property_set_uint(OBJECT(dev), "sram-size", s->sram_size,
                                  errp) ||
        !object_property_set_uint(OBJECT(dev), "sender-id",
            object_property_get_uint(OBJECT(&s->ficr), "device-id",
                                     &error_abort), errp) ||
        !nrf51_realize_peripheral(s, NRF_PERIPHERAL(dev), NRF51_ID_RADIO,
                                  s->hfclk, errp)) {
        return;
    }
}

static void nrf51_soc_init(Object *obj)
{
    NRF51State *s = NRF51_SOC(obj);
    int i;

    object_initialize_child(obj, "armv7m", &s->cpu, TYPE_ARMV7M);
    object_initialize_child(obj, "ppi", &s->ppi, TYPE_NRF51_PPI);
    object_initialize_child(obj, "power", &s->power, TYPE_NRF51_POWER);
    /* The CLOCK block's outputs, which the peripherals run from */
    s->hfclk = qdev_get_clock_out(DEVICE(&s->power), NRF51_POWER_HFCLK);
    s->lfclk = qdev_get_clock_out(DEVICE(&s->power), NRF51_POWER_LFCLK);
    object_initialize_child(obj, "ficr", &s->ficr, TYPE_NRF51_FICR);
    object_initialize_child(obj, "nvmc", &s->nvmc, TYPE_NRF51_NVMC);
    object_initialize_child(obj, "uart", &s->uart, TYPE_NRF51_UART);
    object_initialize_child(obj, "gpio", &s->gpio, TYPE_NRF51_GPIO);
    object_initialize_child(obj, "gpiote", &s->gpiote, TYPE_NRF51_GPIOTE);
    for (i = 0; i < NRF51_GPIO_PINS; i++) {
        object_initialize_child(obj, "pin-split[*]", &s->pin_split[i],
                                TYPE_SPLIT_IRQ);
    }
    for (i = 0; i < NRF51_NUM_TIMERS; i++) {
        object_initialize_child(obj, "timer[*]", &s->timer[i],
                                TYPE_NRF51_TIMER);
    }
    for (i = 0; i < NRF51_NUM_RTCS; i++) {
        object_initialize_child(obj, "rtc[*]", &s->rtc[i], TYPE_NRF51_RTC);
    }
    object_initialize_child(obj, "twi0", &s->twi[0], TYPE_NRF51_TWI);
    object_initialize_child(obj, "twi1", &s->twi[1], TYPE_NRF51_TWI);
    object_initialize_child(obj, "spi0", &s->spi[0], TYPE_NRF51_SPI);
    object_initialize_child(obj, "spi1", &s->spi[1], TYPE_NRF51_SPI);
    for (i = 0; i < NRF51_NUM_SERIAL; i++) {
        object_initialize_child(obj, "serial-irq[*]", &s->serial_irq[i],
                                TYPE_OR_IRQ);
        object_initialize_child(obj, "serial[*]", &s->serial[i],
                                TYPE_NRF51_SERIAL_SLOT);
    }
    object_initialize_child(obj, "rng", &s->rng, TYPE_NRF51_RNG);
    object_initialize_child(obj, "adc", &s->adc, TYPE_NRF51_ADC);
    object_initialize_child(obj, "ecb", &s->ecb, TYPE_NRF51_ECB);
    object_initialize_child(obj, "wdt", &s->wdt, TYPE_NRF51_WDT);
    for (i = 0; i < NRF51_SOC_NUM_BASIC; i++) {
        object_initialize_child(obj, "basic[*]", &s->basic[i],
                                TYPE_NRF51_BASIC);
    }
    object_initialize_child(obj, "temp", &s->temp, TYPE_NRF51_TEMP);
    object_initialize_child(obj, "detect-split", &s->detect_split,
                            TYPE_SPLIT_IRQ);
    object_initialize_child(obj, "radio", &s->radio, TYPE_NRF51_RADIO);
    object_initialize_child(obj, "spis1", &s->spis1, TYPE_NRF51_BASIC);

    object_property_add_alias(obj, "serial0", OBJECT(&s->uart), "chardev");
    object_property_add_alias(obj, "device-id", OBJECT(&s->ficr),
                              "device-id");
    object_property_add_alias(obj, "drive", OBJECT(&s->nvmc), "drive");
    object_property_add_alias(obj, "temperature", OBJECT(&s->temp),
                              "temperature");

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
