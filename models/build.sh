#!/usr/bin/env bash
# Rebuilds the demo house's occupancy models from the simulator, as the model cards describe:
#   1. records 10 simulated days of the demo house (seed 1): the node's input windows (living-room CO2,
#      temperature, illuminance and hall motion, 12 samples 5 minutes apart) labelled with the ground truth
#      (someone in the living room);
#   2. trains the node's small 1-D CNN and the cloud's larger one on the first 80 % (the last 20 % held out);
#   3. quantizes the small one to int8 (QDQ), calibrated on the same training part.
# usage: models/build.sh [edgeai command, default: dotnet run --project src/EdgeHost -c Release --]
# The simulator runs threads at max speed, so a rebuild gives a model of the same accuracy, not the same bytes;
# after a rebuild update Inference:Sha256 in hardware/manifests/demo-house.json and the model cards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -gt 0 ]; then edgeai=("$@"); else edgeai=(dotnet run --project src/EdgeHost -c Release --); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"${edgeai[@]}" simulate --data-dir "$work/state" --mqtt-port 18931 --seed 1 --time-scale max --duration 10d \
  --record "$work/windows.csv" > "$work/simulate.log" 2>&1

mkdir -p models/living_occupancy_int8/1 models/living_occupancy/1
"${edgeai[@]}" model train --data "$work/windows.csv" --input-shape 4,12 --seed 1 --epochs 30 \
  --layers "conv:8:3,relu,maxpool:2,conv:8:3,relu,gap,flatten,dense:2" --out "$work/small_fp32.onnx"
"${edgeai[@]}" model quantize "$work/small_fp32.onnx" models/living_occupancy_int8/1/model.onnx --calibration "$work/windows.csv"
"${edgeai[@]}" model train --data "$work/windows.csv" --input-shape 4,12 --seed 1 --epochs 40 \
  --layers "conv:24:5,relu,conv:24:5,relu,maxpool:2,conv:24:3,relu,gap,flatten,dense:16,relu,dense:2" \
  --out models/living_occupancy/1/model.onnx
