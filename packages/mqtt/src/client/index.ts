/**
 * @stride/mqtt/client: a small MQTT 5.0 and 3.1.1 client over node:net, enough to talk to a real
 * broker, not a full one (no reconnection, TLS, persistence of sessions, enhanced authentication or
 * topic aliases). One connection, one MqttReader reading it.
 *
 *   const client = await connect({ host: '127.0.0.1', port: 1883, clientId: 'me' });  // 5.0
 *   await client.publish('a/b', 'hello', { qos: 1 });          // resolves on PUBACK
 *   client.subscribe('a/+', { qos: 2, onSubscribed: (granted) => … })
 *     .subscribe((p) => …);                                    // each PUBLISH: { topic, payload, qos, retain, properties … }
 *   await client.close();                                      // DISCONNECT after the flows under way
 *
 * Calls made without awaiting each other are pipelined: their packets go out in order, those of one
 * tick in one write.
 */
import { type ConnectOptions, type MqttClient, openClient } from './client.js';

export type { ConnectOptions, MqttClient, PublishOptions, SubscribeOptions, WillOptions } from './client.js';
export {
  MqttClientError,
  type MqttClientErrorCode,
  MqttConnectionError,
  type MqttConnectionErrorCode,
} from './errors.js';

/**
 * Connects, sends CONNECT and resolves once the server's CONNACK accepts (reason code 0). Rejects
 * with an MqttClientError (CONNECT_REFUSED, its `reasonCode` the server's), an MqttConnectionError
 * (refused, closed, CONNECT_TIMEOUT), a DecodeError from the reader (an MQTT fault: code
 * MALFORMED_PACKET …), or codec's EncodeError for options that make no CONNECT of the version.
 */
export function connect(options: ConnectOptions): Promise<MqttClient> {
  return openClient(options);
}
