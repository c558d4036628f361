// ES5 variant of richards.js: constructor functions and prototypes; the task kinds inherit
// from Task through Object.create, so method lookups still walk prototype chains.
var ID_IDLE = 0, ID_WORKER = 1, ID_HANDLER_A = 2, ID_HANDLER_B = 3;
var ID_DEVICE_A = 4, ID_DEVICE_B = 5, NUMBER_OF_IDS = 6;
var KIND_DEVICE = 0, KIND_WORK = 1;
var DATA_SIZE = 4;
var STATE_RUNNING = 0, STATE_RUNNABLE = 1, STATE_SUSPENDED = 2, STATE_HELD = 4;
var STATE_SUSPENDED_RUNNABLE = STATE_SUSPENDED | STATE_RUNNABLE;
var STATE_NOT_HELD = ~STATE_HELD;

function Scheduler() {
  this.queueCount = 0;
  this.holdCount = 0;
  this.blocks = new Array(NUMBER_OF_IDS);
  this.list = null;
  this.currentTcb = null;
  this.currentId = null;
}
Scheduler.prototype.addIdleTask = function (id, priority, queue, count) {
  this.addRunningTask(id, priority, queue, new IdleTask(this, 1, count));
};
Scheduler.prototype.addWorkerTask = function (id, priority, queue) {
  this.addTask(id, priority, queue, new WorkerTask(this, ID_HANDLER_A, 0));
};
Scheduler.prototype.addHandlerTask = function (id, priority, queue) {
  this.addTask(id, priority, queue, new HandlerTask(this));
};
Scheduler.prototype.addDeviceTask = function (id, priority, queue) {
  this.addTask(id, priority, queue, new DeviceTask(this));
};
Scheduler.prototype.addRunningTask = function (id, priority, queue, task) {
  this.addTask(id, priority, queue, task);
  this.currentTcb.setRunning();
};
Scheduler.prototype.addTask = function (id, priority, queue, task) {
  this.currentTcb = new TaskControlBlock(this.list, id, priority, queue, task);
  this.list = this.currentTcb;
  this.blocks[id] = this.currentTcb;
};
Scheduler.prototype.schedule = function () {
  this.currentTcb = this.list;
  while (this.currentTcb != null) {
    if (this.currentTcb.isHeldOrSuspended()) {
      this.currentTcb = this.currentTcb.link;
    } else {
      this.currentId = this.currentTcb.id;
      this.currentTcb = this.currentTcb.run();
    }
  }
};
Scheduler.prototype.release = function (id) {
  var tcb = this.blocks[id];
  if (tcb == null) return tcb;
  tcb.markAsNotHeld();
  if (tcb.priority > this.currentTcb.priority) return tcb;
  return this.currentTcb;
};
Scheduler.prototype.holdCurrent = function () {
  this.holdCount++;
  this.currentTcb.markAsHeld();
  return this.currentTcb.link;
};
Scheduler.prototype.suspendCurrent = function () {
  this.currentTcb.markAsSuspended();
  return this.currentTcb;
};
Scheduler.prototype.queue = function (packet) {
  var t = this.blocks[packet.id];
  if (t == null) return t;
  this.queueCount++;
  packet.link = null;
  packet.id = this.currentId;
  return t.checkPriorityAdd(this.currentTcb, packet);
};

function TaskControlBlock(link, id, priority, queue, task) {
  this.link = link;
  this.id = id;
  this.priority = priority;
  this.queue = queue;
  this.task = task;
  this.state = queue == null ? STATE_SUSPENDED : STATE_SUSPENDED_RUNNABLE;
}
TaskControlBlock.prototype.setRunning = function () { this.state = STATE_RUNNING; };
TaskControlBlock.prototype.markAsNotHeld = function () { this.state = this.state & STATE_NOT_HELD; };
TaskControlBlock.prototype.markAsHeld = function () { this.state = this.state | STATE_HELD; };
TaskControlBlock.prototype.isHeldOrSuspended = function () {
  return (this.state & STATE_HELD) != 0 || this.state == STATE_SUSPENDED;
};
TaskControlBlock.prototype.markAsSuspended = function () { this.state = this.state | STATE_SUSPENDED; };
TaskControlBlock.prototype.markAsRunnable = function () { this.state = this.state | STATE_RUNNABLE; };
TaskControlBlock.prototype.run = function () {
  var packet;
  if (this.state == STATE_SUSPENDED_RUNNABLE) {
    packet = this.queue;
    this.queue = packet.link;
    this.state = this.queue == null ? STATE_RUNNING : STATE_RUNNABLE;
  } else {
    packet = null;
  }
  return this.task.run(packet);
};
TaskControlBlock.prototype.checkPriorityAdd = function (task, packet) {
  if (this.queue == null) {
    this.queue = packet;
    this.markAsRunnable();
    if (this.priority > task.priority) return this;
  } else {
    this.queue = packet.addTo(this.queue);
  }
  return task;
};

function Task(scheduler) { this.scheduler = scheduler; }
Task.prototype.suspend = function () { return this.scheduler.suspendCurrent(); };
Task.prototype.hold = function () { return this.scheduler.holdCurrent(); };

function IdleTask(scheduler, v1, count) {
  Task.call(this, scheduler);
  this.v1 = v1;
  this.count = count;
}
IdleTask.prototype = Object.create(Task.prototype);
IdleTask.prototype.constructor = IdleTask;
IdleTask.prototype.run = function (packet) {
  this.count--;
  if (this.count == 0) return this.hold();
  if ((this.v1 & 1) == 0) {
    this.v1 = this.v1 >> 1;
    return this.scheduler.release(ID_DEVICE_A);
  }
  this.v1 = (this.v1 >> 1) ^ 0xD008;
  return this.scheduler.release(ID_DEVICE_B);
};

function DeviceTask(scheduler) {
  Task.call(this, scheduler);
  this.v1 = null;
}
DeviceTask.prototype = Object.create(Task.prototype);
DeviceTask.prototype.constructor = DeviceTask;
DeviceTask.prototype.run = function (packet) {
  if (packet == null) {
    if (this.v1 == null) return this.suspend();
    var v = this.v1;
    this.v1 = null;
    return this.scheduler.queue(v);
  }
  this.v1 = packet;
  return this.hold();
};

function WorkerTask(scheduler, v1, v2) {
  Task.call(this, scheduler);
  this.v1 = v1;
  this.v2 = v2;
}
WorkerTask.prototype = Object.create(Task.prototype);
WorkerTask.prototype.constructor = WorkerTask;
WorkerTask.prototype.run = function (packet) {
  if (packet == null) return this.suspend();
  this.v1 = this.v1 == ID_HANDLER_A ? ID_HANDLER_B : ID_HANDLER_A;
  packet.id = this.v1;
  packet.a1 = 0;
  for (var i = 0; i < DATA_SIZE; i++) {
    this.v2++;
    if (this.v2 > 26) this.v2 = 1;
    packet.a2[i] = this.v2;
  }
  return this.scheduler.queue(packet);
};

function HandlerTask(scheduler) {
  Task.call(this, scheduler);
  this.v1 = null;
  this.v2 = null;
}
HandlerTask.prototype = Object.create(Task.prototype);
HandlerTask.prototype.constructor = HandlerTask;
HandlerTask.prototype.run = function (packet) {
  if (packet != null) {
    if (packet.kind == KIND_WORK) this.v1 = packet.addTo(this.v1);
    else this.v2 = packet.addTo(this.v2);
  }
  if (this.v1 != null) {
    var count = this.v1.a1;
    var v;
    if (count < DATA_SIZE) {
      if (this.v2 != null) {
        v = this.v2;
        this.v2 = this.v2.link;
        v.a1 = this.v1.a2[count];
        this.v1.a1 = count + 1;
        return this.scheduler.queue(v);
      }
    } else {
      v = this.v1;
      this.v1 = this.v1.link;
      return this.scheduler.queue(v);
    }
  }
  return this.suspend();
};

function Packet(link, id, kind) {
  this.link = link;
  this.id = id;
  this.kind = kind;
  this.a1 = 0;
  this.a2 = new Array(DATA_SIZE);
}
Packet.prototype.addTo = function (queue) {
  this.link = null;
  if (queue == null) return this;
  var peek, next = queue;
  while ((peek = next.link) != null) next = peek;
  next.link = this;
  return queue;
};

function runRichards(count) {
  var scheduler = new Scheduler();
  scheduler.addIdleTask(ID_IDLE, 0, null, count);
  var queue = new Packet(null, ID_WORKER, KIND_WORK);
  queue = new Packet(queue, ID_WORKER, KIND_WORK);
  scheduler.addWorkerTask(ID_WORKER, 1000, queue);
  queue = new Packet(null, ID_DEVICE_A, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_A, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_A, KIND_DEVICE);
  scheduler.addHandlerTask(ID_HANDLER_A, 2000, queue);
  queue = new Packet(null, ID_DEVICE_B, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_B, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_B, KIND_DEVICE);
  scheduler.addHandlerTask(ID_HANDLER_B, 3000, queue);
  scheduler.addDeviceTask(ID_DEVICE_A, 4000, null);
  scheduler.addDeviceTask(ID_DEVICE_B, 5000, null);
  scheduler.schedule();
  return scheduler.queueCount + " " + scheduler.holdCount;
}

// Octane runs count 1000 and expects "2322 928"; repeat that run REPS times.
var REPS = 6, same = 0, last = "";
for (var rep = 0; rep < REPS; rep++) {
  last = runRichards(1000);
  if (last === "2322 928") same++;
}
console.log("richards " + last + " " + same);
