#!/usr/bin/env python3
"""Says hello to an assistant over its WebSocket, as a paired page would; prints the protocol version.

Usage: ws_hello.py PORT ORIGIN        (standard library only: used by the packaging tests)
"""
import base64, json, os, socket, struct, sys

port, origin = int(sys.argv[1]), sys.argv[2]
sock = socket.create_connection(("127.0.0.1", port), timeout=10)
key = base64.b64encode(os.urandom(16)).decode()
sock.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\n"
              f"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n\r\n").encode())
head = b""
while b"\r\n\r\n" not in head:
    chunk = sock.recv(4096)
    if not chunk:
        sys.exit("connection closed during the handshake")
    head += chunk
status = head.split(b" ", 2)[1]
if status != b"101":
    sys.exit(f"upgrade refused: HTTP {status.decode()}")
payload = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "hello", "params": {"client": "ws_hello.py"}}).encode()
mask = os.urandom(4)
sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
data = head.split(b"\r\n\r\n", 1)[1]
while len(data) < 2:
    data += sock.recv(4096)
length = data[1] & 0x7F
offset = 2
if length == 126:
    while len(data) < 4:
        data += sock.recv(4096)
    length, offset = struct.unpack(">H", data[2:4])[0], 4
while len(data) < offset + length:
    data += sock.recv(4096)
reply = json.loads(data[offset:offset + length])
print(reply["result"]["protocolVersion"])
