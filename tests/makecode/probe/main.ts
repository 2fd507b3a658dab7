// Boot test for the micro:bit machine: report, then answer one-word
// commands sent over the serial port once it says "listening".
serial.writeLine("probe ready")

input.onButtonPressed(Button.A, function () {
    serial.writeLine("pressed A")
})
input.onButtonPressed(Button.B, function () {
    serial.writeLine("pressed B")
})

radio.onReceivedString(function (received: string) {
    serial.writeLine("received " + received)
})

serial.onDataReceived(serial.delimiters(Delimiters.NewLine), function () {
    let command = serial.readUntil(serial.delimiters(Delimiters.NewLine)).trim()
    if (command == "temperature") {
        serial.writeLine("temperature " + input.temperature())
    } else if (command == "accel") {
        serial.writeLine("accel " + input.acceleration(Dimension.X) + " " +
            input.acceleration(Dimension.Y) + " " +
            input.acceleration(Dimension.Z))
    } else if (command == "light") {
        serial.writeLine("light " + input.lightLevel())
    } else if (command.substr(0, 6) == "glyph ") {
        basic.showString(command.substr(6, 1))
        serial.writeLine("glyph shown")
    } else if (command.substr(0, 6) == "group ") {
        radio.setGroup(parseInt(command.substr(6)))
        serial.writeLine("group set")
    } else if (command.substr(0, 5) == "send ") {
        radio.sendString(command.substr(5))
        serial.writeLine("sent")
    } else if (command == "clear") {
        basic.clearScreen()
        serial.writeLine("cleared")
    } else if (command == "show") {
        basic.showString("Hello World!")
        serial.writeLine("shown")
    } else if (command == "tone") {
        let t = input.runningTime()
        music.playTone(Note.C, music.beat(BeatFraction.Whole))
        serial.writeLine("tone " + (input.runningTime() - t))
    } else if (command == "pause") {
        let t = input.runningTime()
        basic.pause(2000)
        serial.writeLine("paused " + (input.runningTime() - t))
    } else {
        serial.writeLine("unknown " + command)
    }
})

let start = input.runningTime()
basic.pause(1000)
serial.writeLine("paused " + (input.runningTime() - start))
serial.writeLine("temperature " + input.temperature())
serial.writeLine("listening")
