#!/usr/bin/env python3
"""Fine-tune a Hugging Face model for text classification, reporting to Responsible ML.

Run it from a train.json with the process or Slurm runner:

    {
      "task": "text-classification",
      "data": {"train": "data/train.jsonl", "validation": "data/valid.jsonl",
               "textField": "text", "labelField": "label", "sensitiveFields": ["gender"]},
      "baseModel": "distilbert-base-uncased",
      "runner": "process",
      "command": "python templates/hf-trainer/train.py",
      "hyperparameters": {"epochs": 3, "learningRate": 5e-5, "batchSize": 16, "seed": 42,
                          "earlyStoppingPatience": 2}
    }

Everything comes from the environment the runner sets (RML_* variables; see the README next to
this file), so the spec stays the one place where data and hyper-parameters are written down.
Works the same under `accelerate launch` and `torchrun`: only the main process writes metrics.

Metrics reach the dashboard three ways, all optional but the first:
  * RmlMetricsCallback appends one JSON line per logged value to $RML_METRICS_FILE (live);
  * the Trainer's own trainer_state.json in the output folder (read at each checkpoint);
  * TensorBoard event files, when report_to includes "tensorboard" and the spec's
    metrics.tensorboardDir points at the logging folder.
Needs: torch, transformers, datasets (pip install transformers datasets); nothing is downloaded
unless RML_BASE_MODEL is a hub id that is not in the local cache.
"""
import json
import os
import time

from transformers import TrainerCallback


def rml_metric_name(key: str) -> str:
    """HF log keys as Responsible ML names them (the same rule as HF's TensorBoard callback):
    eval_loss -> eval/loss, test_f1 -> test/f1, loss -> train/loss; slashed names are kept."""
    if "/" in key:
        return key
    for prefix in ("eval", "test", "predict"):
        if key.startswith(prefix + "_"):
            return prefix + "/" + key[len(prefix) + 1 :]
    return "train/" + key


class RmlMetricsCallback(TrainerCallback):
    """Appends every logged number to $RML_METRICS_FILE as {step, epoch, name, value, wallTime}.

    One line per value, written and flushed at once, so a crash loses at most the line being
    written (Responsible ML ignores a torn last line). Checkpoints are announced as
    {"type": "checkpoint", "path": ..., "step": ...}.
    """

    def __init__(self, path=None):
        self.path = path or os.environ.get("RML_METRICS_FILE")

    def _write(self, lines):
        if not self.path or not lines:
            return
        with open(self.path, "a", encoding="utf-8") as f:
            f.write("".join(json.dumps(line) + "\n" for line in lines))
            f.flush()

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        now = time.time()
        lines = []
        for key, value in logs.items():
            if key in ("epoch", "step", "total_flos") or isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            line = {"step": state.global_step, "name": rml_metric_name(key), "value": float(value), "wallTime": now}
            if state.epoch is not None:
                line["epoch"] = float(state.epoch)
            lines.append(line)
        self._write(lines)

    def on_save(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            path = os.path.join(args.output_dir, f"checkpoint-{state.global_step}")
            self._write([{"type": "checkpoint", "path": path, "step": state.global_step}])


def env(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        raise SystemExit(f"{name} is not set: run this script through Responsible ML (rml train or Start Fine-Tuning…)")
    return value


def main():
    import numpy as np
    from datasets import load_dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding,
                              EarlyStoppingCallback, Trainer, TrainingArguments, set_seed)

    text_field, label_field = env("RML_TEXT_FIELD", "text"), env("RML_LABEL_FIELD", "label")
    train_file, valid_file = env("RML_TRAIN_FILE"), os.environ.get("RML_VALIDATION_FILE") or None
    seed = int(env("RML_SEED", "42"))
    set_seed(seed)

    kind = "csv" if train_file.endswith((".csv", ".tsv")) else "json"
    files = {"train": train_file, **({"validation": valid_file} if valid_file else {})}
    extra = {"delimiter": "\t"} if train_file.endswith(".tsv") else {}
    data = load_dataset(kind, data_files=files, **extra)
    if "validation" not in data:
        data = data["train"].train_test_split(test_size=0.1, seed=seed)
        data["validation"] = data.pop("test")

    labels = sorted({str(x) for x in data["train"][label_field]} | {str(x) for x in data["validation"][label_field]})
    label2id = {label: i for i, label in enumerate(labels)}
    base = env("RML_BASE_MODEL")
    tokenizer = AutoTokenizer.from_pretrained(base)

    def encode(batch):
        enc = tokenizer(batch[text_field], truncation=True)
        enc["labels"] = [label2id[str(x)] for x in batch[label_field]]
        return enc

    data = data.map(encode, batched=True, remove_columns=data["train"].column_names)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label2id)

    def metrics(pred):
        predicted = np.argmax(pred.predictions, axis=-1)
        truth = pred.label_ids
        f1s = []
        for c in set(truth.tolist()) | set(predicted.tolist()):
            tp = int(((predicted == c) & (truth == c)).sum())
            denom = int((predicted == c).sum() + (truth == c).sum())
            f1s.append(0.0 if denom == 0 else 2 * tp / denom)
        return {"accuracy": float((predicted == truth).mean()), "f1_macro": float(np.mean(f1s))}

    patience = int(env("RML_EARLY_STOPPING_PATIENCE", "2"))
    args = TrainingArguments(
        output_dir=env("RML_OUTPUT_DIR"),
        num_train_epochs=float(env("RML_EPOCHS", "3")),
        learning_rate=float(env("RML_LEARNING_RATE", "5e-5")),
        per_device_train_batch_size=int(env("RML_BATCH_SIZE", "16")),
        per_device_eval_batch_size=int(env("RML_BATCH_SIZE", "16")),
        seed=seed,
        eval_strategy="epoch",
        save_strategy="epoch",
        logging_steps=10,
        load_best_model_at_end=patience > 0,
        metric_for_best_model="eval_loss",
        save_total_limit=2,
        report_to=["tensorboard"] if os.environ.get("RML_TENSORBOARD_DIR") else [],
        logging_dir=os.environ.get("RML_TENSORBOARD_DIR"),
    )
    callbacks = [RmlMetricsCallback()] + ([EarlyStoppingCallback(early_stopping_patience=patience)] if patience > 0 else [])
    trainer = Trainer(model=model, args=args, train_dataset=data["train"], eval_dataset=data["validation"],
                      data_collator=DataCollatorWithPadding(tokenizer), compute_metrics=metrics, callbacks=callbacks)
    trainer.train()
    trainer.save_model(args.output_dir)
    tokenizer.save_pretrained(args.output_dir)
    trainer.save_state()


if __name__ == "__main__":
    main()
