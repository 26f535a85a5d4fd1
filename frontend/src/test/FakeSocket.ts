// The SDK's fake socket (a scripted WebSocket for RealtimeClient), for the web client's tests too.
export * from '../../../sdk/test/FakeSocket';
