/** Model files for dtype tests: a small int8 net, and the same with its activation in fp16 (mixed precision). */
const netYaml = (name: string, activationDtype: string) => `kind: model
name: ${name}
dtype: int8
inputs:
  image: [1, 3, 16, 16]
ops:
  - { name: conv, kind: conv2d, kernel: 3, padding: same, out_channels: 8 }
  - { name: act, kind: relu${activationDtype} }
`;

export const INT8_NET_YAML = netYaml("int8-net", "");
export const MIXED_NET_YAML = netYaml("mixed-net", ", dtype: fp16");
