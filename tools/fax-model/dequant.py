#!/usr/bin/env python3
"""Convert a Tesseract 4/5 integer ("fast") LSTM recognizer model (.lstm
component) into an equivalent float (double) model usable with
`lstmtraining --continue_from`.

Usage:
  dequant.py IN.lstm OUT.lstm            # int -> float
  dequant.py --identity IN.lstm OUT.lstm # parse and re-serialise unchanged
  dequant.py --info IN.lstm              # print the layer tree only

Serialisation format (little endian), written from reading the Tesseract
sources (network.cpp, plumbing.cpp, lstm.cpp, fullyconnected.cpp,
convolve.cpp, reconfig.cpp, maxpool.cpp, input.cpp, static_shape.h,
weightmatrix.cpp, matrix.h, lstmrecognizer.cpp):

Network header: int8 0 (NT_NONE => type given by name) + string type name
  | or int8 enum type (old format); int8 training_state; int8 needs_backprop;
  int32 network_flags; int32 ni; int32 no; int32 num_weights; string name.
  string = uint32 length + bytes.
Per type payload:
  Input: StaticShape = 5 x int32.
  Convolve / Reconfig / Maxpool: 2 x int32.
  Series/Parallel/Replicated/ParBidiLSTM/.../Reversed variants (plumbing):
    uint32 n, n sub-networks, then if flags & NF_LAYER_SPECIFIC_LR(64):
    uint32 count + count float32 learning rates.
  FullyConnected variants: WeightMatrix.
  LSTM variants: int32 na; WeightMatrix for CI, GI, GF1, GO, [GFS if 2-D];
    for LSTMSoftmax/LSTMBinarySoftmax a nested network (FullyConnected).
WeightMatrix: uint8 mode (1=int8, 4=adam, 128=double format).
  int:   GENERIC_2D_ARRAY<int8> (int32 dim1, int32 dim2, int8 empty, data)
         uint32 n + n float64 scales (real weight = wi * scale; n may be
         padded beyond dim1 by the SIMD rounding).
  float: GENERIC_2D_ARRAY<double> wf; if the layer is training (state==1)
         also updates_ and (adam) dw_sq_sum_ with the same shape.
Recognizer tail (no charsets when the traineddata holds lstm-unicharset and
lstm-recoder): string network spec; int32 training_flags (bit 1 =
TF_INT_MODE); int32 training_iteration; int32 sample_iteration;
int32 null_char; float adam_beta; float learning_rate; float momentum.
"""
import struct
import sys

TYPE_NAMES = [
    "Invalid", "Input", "Convolve", "Maxpool", "Parallel", "Replicated",
    "ParBidiLSTM", "DepParUDLSTM", "Par2dLSTM", "Series", "Reconfig",
    "RTLReversed", "TTBReversed", "XYTranspose", "LSTM", "SummLSTM",
    "Logistic", "LinLogistic", "LinTanh", "Tanh", "Relu", "Linear",
    "Softmax", "SoftmaxNoCTC", "LSTMSoftmax", "LSTMBinarySoftmax",
    "TensorFlow",
]
PLUMBING = {"Parallel", "Replicated", "ParBidiLSTM", "DepParUDLSTM",
            "Par2dLSTM", "Series", "RTLReversed", "TTBReversed",
            "XYTranspose"}
FULLY = {"Softmax", "SoftmaxNoCTC", "Relu", "Tanh", "Linear", "Logistic",
         "LinLogistic", "LinTanh"}
LSTMS = {"LSTM", "SummLSTM", "LSTMSoftmax", "LSTMBinarySoftmax"}
XY2 = {"Convolve", "Reconfig", "Maxpool"}

NF_LAYER_SPECIFIC_LR = 64
K_INT8, K_ADAM, K_DOUBLE = 1, 4, 128
TF_INT_MODE = 1
TS_ENABLED = 1


class ParseError(Exception):
    pass


class Reader:
    def __init__(self, data):
        self.d = data
        self.p = 0

    def take(self, n):
        if self.p + n > len(self.d):
            raise ParseError("unexpected end of file at %d (+%d)" % (self.p, n))
        b = self.d[self.p:self.p + n]
        self.p += n
        return b

    def unpack(self, fmt):
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def string(self):
        (n,) = self.unpack("I")
        return self.take(n)


class WeightMatrix:
    """A parsed WeightMatrix. Holds either int8 data + scales or doubles."""

    def __init__(self, r, training, where):
        self.where = where
        self.training = training
        (self.mode,) = r.unpack("B")
        if not self.mode & K_DOUBLE:
            raise ParseError("%s: old (pre-double) WeightMatrix format not "
                             "supported" % where)
        self.int_mode = bool(self.mode & K_INT8)
        self.adam = bool(self.mode & K_ADAM)
        if self.int_mode:
            self.dim1, self.dim2 = r.unpack("ii")
            (self.empty_i8,) = r.unpack("b")
            n = self.dim1 * self.dim2
            self.wi = r.take(n)  # raw int8 bytes
            (ns,) = r.unpack("I")
            self.scales = list(r.unpack("%dd" % ns))
            self.updates = self.dw_sq = None
        else:
            self.dim1, self.dim2, self.wf = self._read_d2(r)
            self.updates = self.dw_sq = None
            if training:
                self.updates = self._read_d2(r)
                if self.adam:
                    self.dw_sq = self._read_d2(r)

    @staticmethod
    def _read_d2(r):
        d1, d2 = r.unpack("ii")
        r.unpack("d")  # empty_
        vals = list(r.unpack("%dd" % (d1 * d2)))
        return d1, d2, vals

    @staticmethod
    def _write_d2(d1, d2, vals):
        return struct.pack("<iid", d1, d2, 0.0) + struct.pack("<%dd" % len(vals), *vals)

    def serialize(self, to_float):
        if not self.int_mode:
            out = [struct.pack("<B", self.mode),
                   self._write_d2(self.dim1, self.dim2, self.wf)]
            if self.training:
                out.append(self._write_d2(*self.updates))
                if self.adam:
                    out.append(self._write_d2(*self.dw_sq))
            return b"".join(out)
        if not to_float:
            return (struct.pack("<Biib", self.mode, self.dim1, self.dim2, self.empty_i8)
                    + self.wi
                    + struct.pack("<I", len(self.scales))
                    + struct.pack("<%dd" % len(self.scales), *self.scales))
        # Dequantise: w[i][j] = wi[i][j] * scale[i]. Only the first dim1
        # scales are meaningful (the rest is SIMD padding).
        if len(self.scales) < self.dim1:
            raise ParseError("%s: %d scales < %d rows" % (self.where, len(self.scales), self.dim1))
        ints = struct.unpack("<%db" % len(self.wi), self.wi)
        d2 = self.dim2
        vals = []
        for i in range(self.dim1):
            s = self.scales[i]
            vals.extend(v * s for v in ints[i * d2:(i + 1) * d2])
        mode = (K_ADAM if self.adam else 0) | K_DOUBLE
        out = [struct.pack("<B", mode), self._write_d2(self.dim1, d2, vals)]
        if self.training:  # layer is in training state: zero momentum/adam sums
            zeros = [0.0] * (self.dim1 * d2)
            out.append(self._write_d2(self.dim1, d2, zeros))
            if self.adam:
                out.append(self._write_d2(self.dim1, d2, zeros))
        return b"".join(out)


def parse_network(r, chunks, depth, info):
    """Parses one network, appending raw byte strings and WeightMatrix
    objects to chunks."""
    start = r.p
    (t,) = r.unpack("b")
    if t == 0:
        tname = r.string().decode("ascii")
    else:
        tname = TYPE_NAMES[t]
    training, backprop, flags, ni, no, nweights = r.unpack("bbiiii")
    name = r.string().decode("utf-8", "replace")
    is_training = training == TS_ENABLED
    info.append("%s%s '%s' ni=%d no=%d weights=%d flags=0x%x training=%d"
                % ("  " * depth, tname, name, ni, no, nweights, flags, training))
    if tname == "Input":
        r.take(20)
        chunks.append(r.d[start:r.p])
    elif tname in XY2:
        r.take(8)
        chunks.append(r.d[start:r.p])
    elif tname in PLUMBING:
        (n,) = r.unpack("I")
        chunks.append(r.d[start:r.p])
        for _ in range(n):
            parse_network(r, chunks, depth + 1, info)
        if flags & NF_LAYER_SPECIFIC_LR:
            s = r.p
            (cnt,) = r.unpack("I")
            lrs = r.unpack("%df" % cnt)
            info.append("%s  layer learning rates: %s" % ("  " * depth,
                        ", ".join("%g" % x for x in lrs)))
            chunks.append(r.d[s:r.p])
    elif tname in FULLY:
        chunks.append(r.d[start:r.p])
        wm = WeightMatrix(r, is_training, name)
        info.append("%s  W %dx%d int=%d adam=%d nscales=%s" % (
            "  " * depth, wm.dim1, wm.dim2, wm.int_mode, wm.adam,
            len(wm.scales) if wm.int_mode else "-"))
        chunks.append(wm)
    elif tname in LSTMS:
        (na,) = r.unpack("i")
        chunks.append(r.d[start:r.p])
        if tname == "LSTMSoftmax":
            nf = no
        elif tname == "LSTMBinarySoftmax":
            nf = max(0, (no - 1).bit_length())  # ceil(log2(no))
        else:
            nf = 0
        is_2d = False
        for w, gname in enumerate(["CI", "GI", "GF1", "GO", "GFS"]):
            if gname == "GFS" and not is_2d:
                continue
            wm = WeightMatrix(r, is_training, "%s.%s" % (name, gname))
            info.append("%s  %s %dx%d int=%d adam=%d nscales=%s" % (
                "  " * depth, gname, wm.dim1, wm.dim2, wm.int_mode, wm.adam,
                len(wm.scales) if wm.int_mode else "-"))
            chunks.append(wm)
            if gname == "CI":
                ns = wm.dim1
                is_2d = (na - nf == ni + 2 * ns)
        if tname in ("LSTMSoftmax", "LSTMBinarySoftmax"):
            parse_network(r, chunks, depth + 1, info)
    else:
        raise ParseError("unsupported layer type %s at offset %d" % (tname, start))


def parse_model(data):
    r = Reader(data)
    chunks, info = [], []
    parse_network(r, chunks, 0, info)
    # The recognizer tail. Expect the network spec string next (no charsets).
    save = r.p
    (n,) = r.unpack("I")
    if n > 10000 or r.d[r.p:r.p + 1] != b"[":
        raise ParseError("model embeds unicharset/recoder (include_charsets); "
                         "not supported by this tool")
    r.p = save
    spec = r.string().decode("ascii")
    chunks.append(r.d[save:r.p])
    flags_off = r.p
    flags, it, sit, null_char = r.unpack("iiii")
    adam_beta, lr, mom = r.unpack("fff")
    tail = {"spec": spec, "training_flags": flags, "training_iteration": it,
            "sample_iteration": sit, "null_char": null_char,
            "adam_beta": adam_beta, "learning_rate": lr, "momentum": mom,
            "flags_offset": flags_off}
    chunks.append(("FLAGS", flags))
    chunks.append(r.d[flags_off + 4:r.p])
    if r.p != len(data):
        raise ParseError("trailing %d bytes after recognizer (offset %d); "
                         "recoder embedded?" % (len(data) - r.p, r.p))
    return chunks, info, tail


def serialize(chunks, to_float):
    out = []
    for c in chunks:
        if isinstance(c, WeightMatrix):
            out.append(c.serialize(to_float))
        elif isinstance(c, tuple):
            flags = c[1] & ~TF_INT_MODE if to_float else c[1]
            out.append(struct.pack("<i", flags))
        else:
            out.append(c)
    return b"".join(out)


def main(argv):
    mode = "float"
    args = list(argv[1:])
    if args and args[0] in ("--identity", "--info"):
        mode = args.pop(0)[2:]
    if (mode == "info" and len(args) != 1) or (mode != "info" and len(args) != 2):
        sys.stderr.write(__doc__)
        return 2
    data = open(args[0], "rb").read()
    chunks, info, tail = parse_model(data)
    print("\n".join(info))
    print("spec=%s training_flags=0x%x iter=%d sample_iter=%d null_char=%d "
          "adam_beta=%g learning_rate=%g momentum=%g" % (
              tail["spec"], tail["training_flags"], tail["training_iteration"],
              tail["sample_iteration"], tail["null_char"], tail["adam_beta"],
              tail["learning_rate"], tail["momentum"]))
    print("parsed %d of %d bytes" % (len(data), len(data)))
    if mode == "info":
        return 0
    if mode == "float" and not tail["training_flags"] & TF_INT_MODE:
        sys.stderr.write("warning: input is not flagged TF_INT_MODE\n")
    out = serialize(chunks, to_float=(mode == "float"))
    if mode == "identity":
        print("identity re-serialisation %s input" %
              ("MATCHES" if out == data else "DIFFERS FROM"))
    with open(args[1], "wb") as f:
        f.write(out)
    print("wrote %s (%d bytes)" % (args[1], len(out)))
    return 0 if (mode != "identity" or out == data) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
