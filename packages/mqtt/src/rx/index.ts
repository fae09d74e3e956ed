/**
 * @stride/mqtt/rx: the MQTT reader as an RxJS operator (`parse` from @stride/rx over
 * `MqttReader`). The package's root entry needs neither rxjs nor @stride/rx; this entry does
 * (optional peer dependencies).
 */
export { mqttPackets } from './mqtt-packets.js';
