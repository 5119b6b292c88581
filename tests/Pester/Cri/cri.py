#!/usr/bin/python3
"""One call of the CRI RuntimeService (runtime.v1) over a unix socket, for ContainerPS.OciRuntime.Tests.ps1.

    cri.py GENERATED_DIR SOCKET METHOD REQUEST_JSON

GENERATED_DIR holds cri_pb2.py (protoc --python_out of cri.proto beside this file). The request is the method's
request message in protobuf's JSON mapping; the response is printed the same way, defaults included, so a zero
exit code or the first enum value is there to read. A gRPC error prints its code and details on stderr, exit 1.
"""
import sys

import grpc
from google.protobuf import json_format


def main(generated, socket, method, request_json):
    sys.path.insert(0, generated)
    import cri_pb2

    rpc = cri_pb2.DESCRIPTOR.services_by_name['RuntimeService'].methods_by_name[method]
    request_type = getattr(cri_pb2, rpc.input_type.name)
    response_type = getattr(cri_pb2, rpc.output_type.name)
    request = json_format.Parse(request_json, request_type())
    with grpc.insecure_channel('unix://' + socket) as channel:
        call = channel.unary_unary('/runtime.v1.RuntimeService/' + method,
                                   request_serializer=request_type.SerializeToString,
                                   response_deserializer=response_type.FromString)
        try:
            response = call(request, timeout=120)
        except grpc.RpcError as error:
            print(f'{method}: {error.code().name}: {error.details()}', file=sys.stderr)
            return 1
    print(json_format.MessageToJson(response, including_default_value_fields=True, preserving_proto_field_name=True))
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
