/*
 * BBC micro:bit (v1.3 and v1.5)
 *
 * The board carries an nRF51822-QFAA.  Its UART goes to the interface
 * chip, which appears to the host as a USB serial port; here it is the
 * first serial port.
 *
 * "-kernel" takes what people flash onto the board: the Intel HEX that
 * the MicroPython editor, MakeCode and mbed produce, a micro:bit
 * Universal Hex (of which the V1 section is loaded), an ELF file or a
 * raw binary image of flash.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qemu/units.h"
#include "qapi/error.h"
#include "hw/arm/boot.h"
#include "hw/arm/microbit_hex.h"
#include "hw/arm/nrf51.h"
#include "hw/arm/nrf51_soc.h"
#include "hw/boards.h"
#include "hw/core/split-irq.h"
#include "hw/display/microbit_leds.h"
#include "hw/i2c/i2c.h"
#include "hw/input/microbit_buttons.h"
#include "hw/irq.h"
#include "hw/sensor/fxos8700.h"
#include "hw/sensor/lsm303agr.h"
#include "hw/sensor/mag3110.h"
#include "hw/sensor/mma8653.h"
#include "qapi/visitor.h"
#include "hw/qdev-properties-system.h"
#include "elf.h"
#include "exec/address-spaces.h"
#include "system/block-backend.h"
#include "system/blockdev.h"
#include "system/runstate.h"
#include "system/system.h"

#define TYPE_MICROBIT_MACHINE MACHINE_TYPE_NAME("microbit")
OBJECT_DECLARE_SIMPLE_TYPE(MicrobitMachineState, MICROBIT_MACHINE)

/* Where the board's parts connect to the nRF51822 (schematic v1.3) */
#define MICROBIT_PIN_BUTTON_A   17
#define MICROBIT_PIN_BUTTON_B   26
#define MICROBIT_PIN_ACCEL_INT1 28
#define MICROBIT_PIN_MAG_INT1   29
#define MICROBIT_PIN_FXOS_INT1  27
#define MICROBIT_PIN_ROW1       13
#define MICROBIT_PIN_COL1       4

/*
 * The motion sensors on the internal I2C bus (TWI0).  The v1.3 board
 * has an MMA8653FC accelerometer and a MAG3110 magnetometer; the v1.5
 * has either an FXOS8700CQ, one part for both, or an LSM303AGR, two
 * sensors in one package.  "-M microbit,sensors=" picks one variant.
 *
 * The machine's accel-* and magnet-* properties are in the board's
 * frame as micro:bit software reports it (x to the right, y towards
 * the top edge, z into the board, so that a board lying face up reads
 * z = -1000 milli-g).  The parts are mounted so that some of their
 * axes point the other way: each variant says, for each of the board's
 * axes, which part and which of its properties measures it, and with
 * which sign.
 */
#define MICROBIT_MAX_SENSORS    2

enum {
    MICROBIT_ACCEL_X,
    MICROBIT_ACCEL_Y,
    MICROBIT_ACCEL_Z,
    MICROBIT_MAGNET_X,
    MICROBIT_MAGNET_Y,
    MICROBIT_MAGNET_Z,
    MICROBIT_NUM_AXES
};

static const char *const microbit_axis_names[MICROBIT_NUM_AXES] = {
    "accel-x", "accel-y", "accel-z", "magnet-x", "magnet-y", "magnet-z",
};

typedef struct MicrobitSensor {
    const char *name;           /* child property of the machine */
    const char *type;
    uint8_t i2c_addr;
    const char *irq;            /* its interrupt output, to @pin */
    int pin;
} MicrobitSensor;

typedef struct MicrobitAxis {
    unsigned sensor;            /* index in MicrobitSensors.sensor[] */
    const char *prop;
    int sign;
} MicrobitAxis;

typedef struct MicrobitSensors {
    const char *name;           /* as "sensors=" names the variant */
    MicrobitSensor sensor[MICROBIT_MAX_SENSORS];
    MicrobitAxis axis[MICROBIT_NUM_AXES];
} MicrobitSensors;

static const MicrobitSensors microbit_sensors[] = {
    {
        /* v1.3, the default */
        .name = "mma8653",
        .sensor = {
            { "accelerometer", TYPE_MMA8653, MMA8653_I2C_ADDR, "int1",
              MICROBIT_PIN_ACCEL_INT1 },
            { "magnetometer", TYPE_MAG3110, MAG3110_I2C_ADDR, "int1",
              MICROBIT_PIN_MAG_INT1 },
        },
        .axis = {
            { 0, "x", -1 }, { 0, "y", -1 }, { 0, "z", 1 },
            { 1, "x", -1 }, { 1, "y", -1 }, { 1, "z", -1 },
        },
    }, {
        /* v1.5: its INT1 on P0.27 */
        .name = "fxos8700",
        .sensor = {
            { "motion", TYPE_FXOS8700, FXOS8700_I2C_ADDR, "int1",
              MICROBIT_PIN_FXOS_INT1 },
        },
        .axis = {
            { 0, "accel-x", -1 }, { 0, "accel-y", -1 }, { 0, "accel-z", 1 },
            { 0, "magnet-x", -1 }, { 0, "magnet-y", -1 },
            { 0, "magnet-z", 1 },
        },
    }, {
        /* v1.5 */
        .name = "lsm303agr",
        .sensor = {
            { "accelerometer", TYPE_LSM303AGR_ACCEL,
              LSM303AGR_ACCEL_I2C_ADDR, "int", MICROBIT_PIN_ACCEL_INT1 },
            { "magnetometer", TYPE_LSM303AGR_MAG, LSM303AGR_MAG_I2C_ADDR,
              "int", MICROBIT_PIN_MAG_INT1 },
        },
        .axis = {
            { 0, "x", 1 }, { 0, "y", -1 }, { 0, "z", 1 },
            { 1, "x", 1 }, { 1, "y", -1 }, { 1, "z", 1 },
        },
    },
};

/*
 * Light falling on the LED matrix: the runtime (microbit-dal, which
 * MakeCode and MicroPython use) senses it by reading columns 1-3 as
 * analog inputs AIN5-AIN7 with the rows low, and maps an average
 * 10-bit reading (of VDD) of 338 (dark) to 75 (bright) onto 0-255.
 */
#define MICROBIT_LIGHT_AIN1     5
#define MICROBIT_LIGHT_AINS     3
#define MICROBIT_LIGHT_DARK     338
#define MICROBIT_LIGHT_BRIGHT   75
#define MICROBIT_LIGHT_DEFAULT  128

/*
 * Edge connector pins 0, 1 and 2: their GPIOs and analog inputs.  The
 * board pulls each up through 10 Mohm, so that a finger (with the
 * other hand on GND) pulls it low: that is how the runtime senses
 * touch.
 */
static const struct {
    int gpio;
    int ain;
} microbit_edge[MICROBIT_EDGE_PINS] = {
    { 3, 4 }, { 2, 3 }, { 1, 2 },
};

struct MicrobitMachineState {
    MachineState parent_obj;

    NRF51State nrf51;
    const MicrobitSensors *sensors;
    Object *sensor[MICROBIT_MAX_SENSORS];
    MicrobitLEDsState leds;
    MicrobitButtonsState buttons;
    SplitIRQ button_split[MICROBIT_NUM_BUTTONS];
    uint8_t light_level;
    bool touched[MICROBIT_EDGE_PINS];
};

/* The name of the nRF51 ADC's analog input @n, as a property */
static char *microbit_ain_name(int n)
{
    return g_strdup_printf("ain%d", n);
}

/*
 * The millivolts on the LED columns for light level @level (0 dark to
 * 255 bright): the voltage that reads as the runtime's raw value for
 * @level, rounded up, with VDD at @vdd_mv.
 */
static uint32_t microbit_light_mv(uint8_t level, uint32_t vdd_mv)
{
    uint32_t reading = MICROBIT_LIGHT_DARK -
        level * (MICROBIT_LIGHT_DARK - MICROBIT_LIGHT_BRIGHT) / 255;

    return DIV_ROUND_UP(reading * vdd_mv, 1023);
}

/*
 * The level an edge pin's GPIO sees: a finger pulls a touched pin
 * down; otherwise nothing but the board's weak pull-up drives it.
 */
static int microbit_touch_level(bool touched)
{
    return touched ? 0 : NRF51_GPIO_FLOAT;
}

static bool microbit_program_flash(void *opaque, uint32_t addr,
                                   const uint8_t *data, size_t len,
                                   Error **errp)
{
    return nrf51_nvmc_program(opaque, addr, data, len, errp);
}

static bool microbit_is_hex(const char *filename, const char *contents,
                            size_t len)
{
    return g_str_has_suffix(filename, ".hex") ||
           g_str_has_suffix(filename, ".HEX") ||
           microbit_hex_probe(contents, len);
}

/*
 * Load the program as flashing the board does: erase the whole chip,
 * then program flash (and, from a .hex, UICR), so that the program is
 * there from the first reset, stays until it erases itself, and
 * reaches the flash drive when there is one.
 */
static void microbit_load_kernel(MicrobitMachineState *s,
                                 const char *filename)
{
    const MicrobitHexRegion regions[] = {
        { "flash", NRF51_FLASH_BASE, s->nrf51.flash_size },
        { "UICR", NRF51_UICR_BASE, NRF51_UICR_SIZE },
    };
    ARMCPU *cpu = ARM_CPU(first_cpu);
    g_autoptr(GError) gerr = NULL;
    g_autofree char *contents = NULL;
    Error *err = NULL;
    gsize len;

    if (!filename) {
        armv7m_load_kernel(cpu, NULL, 0, 0);
        return;
    }
    if (!g_file_get_contents(filename, &contents, &len, &gerr)) {
        error_report("Could not read kernel '%s': %s", filename,
                     gerr->message);
        exit(1);
    }
    nrf51_nvmc_erase_all(&s->nrf51.nvmc);
    if (microbit_is_hex(filename, contents, len)) {
        if (!microbit_hex_load(filename, contents, len, regions,
                               ARRAY_SIZE(regions), microbit_program_flash,
                               &s->nrf51.nvmc, &err)) {
            error_report_err(err);
            exit(1);
        }
    } else if (len >= SELFMAG && !memcmp(contents, ELFMAG, SELFMAG)) {
        armv7m_load_kernel(cpu, filename, NRF51_FLASH_BASE,
                           s->nrf51.flash_size);
        return;
    } else if (len > s->nrf51.flash_size) {
        error_report("'%s' is %zu bytes, larger than the %u KiB of flash",
                     filename, (size_t)len, s->nrf51.flash_size / 1024);
        exit(1);
    } else {
        /* A raw image of flash */
        nrf51_nvmc_program(&s->nrf51.nvmc, NRF51_FLASH_BASE,
                           (const uint8_t *)contents, len, &error_fatal);
    }
    armv7m_load_kernel(cpu, NULL, 0, 0);
}

static void microbit_get_light_level(Object *obj, Visitor *v,
                                     const char *name, void *opaque,
                                     Error **errp)
{
    uint8_t value = MICROBIT_MACHINE(obj)->light_level;

    visit_type_uint8(v, name, &value, errp);
}

/* Light reaches all three columns the runtime reads alike */
static bool microbit_apply_light_level(MicrobitMachineState *s, Error **errp)
{
    Object *adc = OBJECT(&s->nrf51.adc);
    uint64_t vdd_mv;
    uint32_t mv;
    int i;

    vdd_mv = object_property_get_uint(adc, "vdd", errp);
    mv = microbit_light_mv(s->light_level, vdd_mv);
    for (i = 0; i < MICROBIT_LIGHT_AINS; i++) {
        g_autofree char *ain = microbit_ain_name(MICROBIT_LIGHT_AIN1 + i);

        if (!object_property_set_uint(adc, ain, mv, errp)) {
            return false;
        }
    }
    return true;
}

static void microbit_set_light_level(Object *obj, Visitor *v,
                                     const char *name, void *opaque,
                                     Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    uint8_t value;

    if (!visit_type_uint8(v, name, &value, errp)) {
        return;
    }
    s->light_level = value;
    microbit_apply_light_level(s, errp);
}

static void microbit_add_sensors(MicrobitMachineState *s)
{
    I2CBus *bus = I2C_BUS(qdev_get_child_bus(DEVICE(&s->nrf51.twi[0]),
                                             "i2c"));
    int i;

    for (i = 0; i < MICROBIT_MAX_SENSORS && s->sensors->sensor[i].type;
         i++) {
        const MicrobitSensor *sensor = &s->sensors->sensor[i];
        I2CSlave *dev = i2c_slave_new(sensor->type, sensor->i2c_addr);

        object_property_add_child(OBJECT(s), sensor->name, OBJECT(dev));
        i2c_slave_realize_and_unref(dev, bus, &error_fatal);
        qdev_connect_gpio_out_named(DEVICE(dev), sensor->irq, 0,
            qdev_get_gpio_in(DEVICE(&s->nrf51), sensor->pin));
        s->sensor[i] = OBJECT(dev);
    }
}

/*
 * The front of the board: the LED matrix on P0.4-P0.15, which the
 * display also draws with edge pins 0-2, and the buttons, whose lines
 * go both to their pins and to the display.
 */
static void microbit_init_front(MicrobitMachineState *s)
{
    static const int button_pin[MICROBIT_NUM_BUTTONS] = {
        MICROBIT_PIN_BUTTON_A, MICROBIT_PIN_BUTTON_B,
    };
    DeviceState *soc = DEVICE(&s->nrf51);
    DeviceState *leds = DEVICE(&s->leds);
    DeviceState *buttons = DEVICE(&s->buttons);
    int i;

    for (i = 0; i < MICROBIT_LED_ROWS; i++) {
        qdev_connect_gpio_out(soc, MICROBIT_PIN_ROW1 + i,
            qdev_get_gpio_in_named(leds, MICROBIT_LEDS_ROW, i));
    }
    for (i = 0; i < MICROBIT_LED_COLS; i++) {
        qdev_connect_gpio_out(soc, MICROBIT_PIN_COL1 + i,
            qdev_get_gpio_in_named(leds, MICROBIT_LEDS_COL, i));
    }
    for (i = 0; i < MICROBIT_EDGE_PINS; i++) {
        qdev_connect_gpio_out(soc, microbit_edge[i].gpio,
            qdev_get_gpio_in_named(leds, MICROBIT_LEDS_PIN, i));
        qemu_set_irq(qdev_get_gpio_in_named(soc, NRF51_GPIO_PULLUP,
                                            microbit_edge[i].gpio), 1);
    }
    sysbus_realize(SYS_BUS_DEVICE(leds), &error_fatal);

    for (i = 0; i < MICROBIT_NUM_BUTTONS; i++) {
        DeviceState *split = DEVICE(&s->button_split[i]);

        qdev_prop_set_uint16(split, "num-lines", 2);
        qdev_realize(split, NULL, &error_fatal);
        qdev_connect_gpio_out(split, 0, qdev_get_gpio_in(soc, button_pin[i]));
        qdev_connect_gpio_out(split, 1,
            qdev_get_gpio_in_named(leds, MICROBIT_LEDS_BUTTON, i));
        qdev_connect_gpio_out_named(buttons, MICROBIT_BUTTONS_OUT, i,
                                    qdev_get_gpio_in(split, 0));
    }
    sysbus_realize(SYS_BUS_DEVICE(buttons), &error_fatal);
}

static void microbit_init(MachineState *machine)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(machine);
    MachineClass *mc = MACHINE_GET_CLASS(machine);
    DeviceState *soc = DEVICE(&s->nrf51);
    DriveInfo *dinfo;

    if (machine->ram_size != mc->default_ram_size) {
        error_report("The micro:bit has %" PRIu64 " KiB of RAM; "
                     "-m cannot change it", mc->default_ram_size / KiB);
        exit(1);
    }

    qdev_prop_set_chr(soc, "serial0", serial_hd(0));
    dinfo = drive_get(IF_PFLASH, 0, 0);
    if (dinfo) {
        qdev_prop_set_drive_err(soc, "drive", blk_by_legacy_dinfo(dinfo),
                                &error_fatal);
    }
    object_property_set_link(OBJECT(soc), "memory",
                             OBJECT(get_system_memory()), &error_abort);
    sysbus_realize(SYS_BUS_DEVICE(soc), &error_fatal);

    microbit_add_sensors(s);
    microbit_init_front(s);
    microbit_apply_light_level(s, &error_fatal);

    microbit_load_kernel(s, machine->kernel_filename);
}

/*
 * Leaving System OFF (QEMU's suspended state) restarts the chip from
 * reset, as on the nRF51; POWER has recorded why.
 */
static void microbit_wakeup(MachineState *machine)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
}

static void microbit_get_touched(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    bool value = s->touched[(uintptr_t)opaque];

    visit_type_bool(v, name, &value, errp);
}

static void microbit_set_touched(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    unsigned pin = (uintptr_t)opaque;
    bool value;

    if (!visit_type_bool(v, name, &value, errp)) {
        return;
    }
    s->touched[pin] = value;
    qemu_set_irq(qdev_get_gpio_in(DEVICE(&s->nrf51), microbit_edge[pin].gpio),
                 microbit_touch_level(value));
}

/* The sensor that measures the board's axis @opaque, and how */
static Object *microbit_axis(Object *obj, void *opaque,
                             const MicrobitAxis **axis, Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    const MicrobitAxis *a = &s->sensors->axis[(uintptr_t)opaque];
    Object *sensor = s->sensor[a->sensor];

    if (!sensor) {
        error_setg(errp, "the board has no %s yet",
                   s->sensors->sensor[a->sensor].name);
    }
    *axis = a;
    return sensor;
}

static void microbit_get_axis(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    const MicrobitAxis *a;
    Object *sensor = microbit_axis(obj, opaque, &a, errp);
    int64_t value;

    if (sensor) {
        value = object_property_get_int(sensor, a->prop, errp) * a->sign;
        visit_type_int64(v, name, &value, errp);
    }
}

static void microbit_set_axis(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    const MicrobitAxis *a;
    Object *sensor;
    int64_t value;

    if (!visit_type_int64(v, name, &value, errp)) {
        return;
    }
    sensor = microbit_axis(obj, opaque, &a, errp);
    if (sensor) {
        object_property_set_int(sensor, a->prop, value * a->sign, errp);
    }
}

static char *microbit_get_sensors(Object *obj, Error **errp)
{
    return g_strdup(MICROBIT_MACHINE(obj)->sensors->name);
}

static void microbit_set_sensors(Object *obj, const char *value,
                                 Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    int i;

    for (i = 0; i < ARRAY_SIZE(microbit_sensors); i++) {
        if (!strcmp(value, microbit_sensors[i].name)) {
            s->sensors = &microbit_sensors[i];
            return;
        }
    }
    error_setg(errp, "sensors must be mma8653 (v1.3: MMA8653FC and "
               "MAG3110), fxos8700 or lsm303agr (v1.5: FXOS8700CQ or "
               "LSM303AGR)");
}

static void microbit_machine_instance_init(Object *obj)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    Object *leds = OBJECT(&s->leds);
    Object *buttons = OBJECT(&s->buttons);
    int i;

    object_initialize_child(obj, "nrf51", &s->nrf51, TYPE_NRF51_SOC);
    object_property_add_alias(obj, "device-id", OBJECT(&s->nrf51),
                              "device-id");
    object_property_set_description(obj, "device-id",
        "FICR DEVICEID of the chip, which also seeds its BLE address and "
        "keys (default: different for each run)");
    object_property_add_alias(obj, "temperature", OBJECT(&s->nrf51),
                              "temperature");

    object_initialize_child(obj, "leds", &s->leds, TYPE_MICROBIT_LEDS);
    object_initialize_child(obj, "buttons", &s->buttons,
                            TYPE_MICROBIT_BUTTONS);
    for (i = 0; i < MICROBIT_NUM_BUTTONS; i++) {
        g_autofree char *name = g_strdup_printf("button-split[%d]", i);

        object_initialize_child(obj, name, &s->button_split[i],
                                TYPE_SPLIT_IRQ);
    }
    object_property_add_alias(obj, "display", leds, "display");
    object_property_add_alias(obj, "button-a", buttons, "button-a");
    object_property_add_alias(obj, "button-b", buttons, "button-b");
    /* The display used to hold the buttons: keep their old path too */
    object_property_add_alias(leds, "button-a", buttons, "button-a");
    object_property_add_alias(leds, "button-b", buttons, "button-b");

    s->sensors = &microbit_sensors[0];
    for (i = 0; i < MICROBIT_NUM_AXES; i++) {
        object_property_add(obj, microbit_axis_names[i], "int",
                            microbit_get_axis, microbit_set_axis, NULL,
                            (void *)(uintptr_t)i);
    }
    object_property_set_description(obj, "accel-x",
        "acceleration in milli-g (also accel-y, accel-z)");
    object_property_set_description(obj, "magnet-x",
        "magnetic field in nanotesla (also magnet-y, magnet-z)");
    object_property_add_str(obj, "sensors", microbit_get_sensors,
                            microbit_set_sensors);
    object_property_set_description(obj, "sensors",
        "the motion sensors: mma8653 (v1.3: MMA8653FC and MAG3110, the "
        "default), fxos8700 or lsm303agr (v1.5: FXOS8700CQ or LSM303AGR)");

    for (i = 0; i < MICROBIT_EDGE_PINS; i++) {
        g_autofree char *touched = g_strdup_printf("pin%d-touched", i);
        g_autofree char *mv = g_strdup_printf("pin%d-mv", i);
        g_autofree char *ain = microbit_ain_name(microbit_edge[i].ain);

        object_property_add(obj, touched, "bool", microbit_get_touched,
                            microbit_set_touched, NULL, (void *)(uintptr_t)i);
        object_property_add_alias(obj, mv, OBJECT(&s->nrf51.adc), ain);
    }
    object_property_set_description(obj, "pin0-touched",
        "edge connector pin 0 is touched, pulling it low (also pin1-, pin2-)");
    object_property_set_description(obj, "pin0-mv",
        "millivolts on edge connector pin 0, for the ADC (also pin1-, pin2-)");

    s->light_level = MICROBIT_LIGHT_DEFAULT;
    object_property_add(obj, "light-level", "uint8",
                        microbit_get_light_level, microbit_set_light_level,
                        NULL, NULL);
    object_property_set_description(obj, "light-level",
        "light falling on the LEDs, 0 (dark) to 255 (bright), as the "
        "runtime's light sensing reads it");
}

static void microbit_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    static const char * const valid_cpu_types[] = {
        ARM_CPU_TYPE_NAME("cortex-m0"),
        NULL
    };

    mc->desc = "BBC micro:bit (Cortex-M0)";
    mc->init = microbit_init;
    mc->wakeup = microbit_wakeup;
    mc->max_cpus = 1;
    mc->default_cpu_type = ARM_CPU_TYPE_NAME("cortex-m0");
    mc->valid_cpu_types = valid_cpu_types;
    mc->default_ram_size = NRF51822_SRAM_SIZE;
}

static const TypeInfo microbit_machine_types[] = {
    {
        .name = TYPE_MICROBIT_MACHINE,
        .parent = TYPE_MACHINE,
        .instance_size = sizeof(MicrobitMachineState),
        .instance_init = microbit_machine_instance_init,
        .class_init = microbit_machine_class_init,
    },
};

DEFINE_TYPES(microbit_machine_types)
